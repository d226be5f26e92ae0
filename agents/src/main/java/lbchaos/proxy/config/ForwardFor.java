package lbchaos.proxy.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One proxy section's {@code option forwardfor [except NET] [header NAME] [if-none]}, as haproxy
 * 2.6 reads it (cfgparse-listen.c) and applies it (http_ana.c, step 9).
 *
 * @param except clients in this network get no header
 * @param header the header's name (haproxy's default: x-forwarded-for)
 * @param ifNone add it only when the request has none of that name yet
 */
public record ForwardFor(Optional<Network> except, String header, boolean ifNone) {

  public static final String DEFAULT_HEADER = "X-Forwarded-For";

  /** An address and how many of its leading bits make the network. */
  public record Network(byte[] address, int bits) {

    /** "a.b.c.d", "a.b.c.d/len", "a.b.c.d/m.m.m.m" or an IPv6 address with an optional /len. */
    static Optional<Network> parse(String s) {
      String[] p = s.split("/", 2);
      if (!isLiteral(p[0])) {
        return Optional.empty();
      }
      try {
        byte[] a = InetAddress.getByName(p[0]).getAddress();
        int bits = a.length * 8;
        if (p.length == 2) {
          bits = p[1].contains(".") && a.length == 4 ? maskBits(p[1]) : Integer.parseInt(p[1]);
        }
        return bits < 0 || bits > a.length * 8 ? Optional.empty()
            : Optional.of(new Network(a, bits));
      } catch (UnknownHostException | NumberFormatException e) {
        return Optional.empty();
      }
    }

    private static boolean isLiteral(String s) {
      return s.matches("[0-9.]+") || s.contains(":") && s.matches("[0-9a-fA-F:.]+");
    }

    /** A dotted mask's length, or -1 when its ones are not contiguous. */
    private static int maskBits(String dotted) throws UnknownHostException {
      if (!dotted.matches("[0-9.]+")) {
        return -1;
      }
      int m = java.nio.ByteBuffer.wrap(InetAddress.getByName(dotted).getAddress()).getInt();
      int bits = Integer.bitCount(m);
      return m == (bits == 0 ? 0 : -1 << (32 - bits)) ? bits : -1;
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != address.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((b[i / 8] & mask) != (address[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /** The words after "option forwardfor"; errors in haproxy's words. */
  static ForwardFor parse(List<String> args) {
    Optional<Network> except = Optional.empty();
    String header = DEFAULT_HEADER;
    boolean ifNone = false;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "except" -> {
          String v = i + 1 < args.size() ? args.get(++i) : "";
          except = Network.parse(v);
          if (except.isEmpty()) {
            throw new IllegalArgumentException("'option forwardfor except' expects"
                + " <address>[/mask] as argument" + (v.isEmpty() ? "" : ", got '" + v + "'"));
          }
        }
        case "header" -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("'option forwardfor header' expects <header_name>"
                + " as argument");
          }
          header = args.get(++i);
        }
        case "if-none" -> ifNone = true;
        default -> throw new IllegalArgumentException("'option forwardfor' only supports optional"
            + " values: 'except', 'header' and 'if-none'");
      }
    }
    return new ForwardFor(except, header, ifNone);
  }

  /** A request's two sides: its frontend's option and its backend's, either may be absent. */
  public record Sides(Optional<ForwardFor> frontend, Optional<ForwardFor> backend) {
    public static final Sides NONE = new Sides(Optional.empty(), Optional.empty());

    /** See {@link ForwardFor#headerFor}. */
    public Optional<String> headerFor(InetAddress client, Predicate<String> present) {
      return ForwardFor.headerFor(frontend, backend, client, present);
    }
  }

  /**
   * The header the frontend's and backend's options add to a request from {@code client}: the
   * backend's name when it has the option, else the frontend's; none when the client is in
   * either side's except network, or when every side that has the option says if-none and the
   * request carries that header already ({@code present} tells, by name).
   */
  public static Optional<String> headerFor(Optional<ForwardFor> frontend,
      Optional<ForwardFor> backend, InetAddress client, Predicate<String> present) {
    if (frontend.isEmpty() && backend.isEmpty()) {
      return Optional.empty();
    }
    String name = backend.or(() -> frontend).orElseThrow().header();
    boolean always = frontend.filter(f -> !f.ifNone()).isPresent()
        || backend.filter(b -> !b.ifNone()).isPresent();
    if (!always && present.test(name)) {
      return Optional.empty();
    }
    boolean excepted = frontend.flatMap(ForwardFor::except).filter(n -> n.contains(client))
        .isPresent() || backend.flatMap(ForwardFor::except).filter(n -> n.contains(client))
        .isPresent();
    return excepted ? Optional.empty() : Optional.of(name);
  }
}
