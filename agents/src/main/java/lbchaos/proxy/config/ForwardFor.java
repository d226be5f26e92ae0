package lbchaos.proxy.config;

import java.net.InetAddress;
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
