package lbchaos.craft;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.vrrp.net.RawIpSender;
import lbchaos.vrrp.packet.VrrpCodec;

/**
 * {@code craft --case ttl --src 10.213.4.5 --vrid 42 --vip 10.213.4.211 [--version 2]
 * [--advert 1s] [--password mypass] [--priority 100] [--repeat 1] [--iface eth0]}: sends the
 * crafted packet(s) of one conformance case to 224.0.0.18 from a raw socket (CAP_NET_RAW only)
 * and prints one line per packet. Exit 2 on a usage error, 1 when the socket cannot send.
 */
public final class CraftAgent {

  private CraftAgent() {}

  record Options(List<CraftCase> cases, Target target, int repeat, String iface) {}

  static Options options(String[] args) {
    List<CraftCase> cases = new ArrayList<>();
    Inet4Address src = null;
    Integer vrid = null;
    List<Inet4Address> vips = new ArrayList<>();
    int version = 2;
    Duration advert = Duration.ofSeconds(1);
    String password = "";
    int priority = 100;
    int repeat = 1;
    String iface = "eth0";
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--case" -> {
          for (String c : need(args[i], v).split(",")) {
            cases.add(CraftCase.byName(c));
          }
        }
        case "--src" -> src = ipv4(need(args[i], v));
        case "--vrid" -> vrid = Integer.parseInt(need(args[i], v));
        case "--vip" -> vips.add(ipv4(need(args[i], v)));
        case "--version" -> version = Integer.parseInt(need(args[i], v));
        case "--advert" -> advert = duration(need(args[i], v));
        case "--password" -> password = need(args[i], v);
        case "--priority" -> priority = Integer.parseInt(need(args[i], v));
        case "--repeat" -> repeat = Integer.parseInt(need(args[i], v));
        case "--iface" -> iface = need(args[i], v);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
      i++;
    }
    if (cases.isEmpty() || src == null || vrid == null || vips.isEmpty()) {
      throw new IllegalArgumentException("--case, --src, --vrid and --vip are required");
    }
    if (repeat < 1 || repeat > 100) {
      throw new IllegalArgumentException("--repeat must be 1..100");
    }
    return new Options(cases, new Target(src, version, vrid, advert, vips, password, priority),
        repeat, iface);
  }

  private static String need(String flag, String v) {
    if (v == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return v;
  }

  static Duration duration(String s) {
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    String secs = s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
    return Duration.ofMillis(Math.round(Double.parseDouble(secs) * 1000));
  }

  private static Inet4Address ipv4(String s) {
    try {
      if (InetAddress.getByName(s) instanceof Inet4Address a && s.matches("[0-9.]+")) {
        return a;
      }
    } catch (UnknownHostException e) {
      // reported below
    }
    throw new IllegalArgumentException("not an IPv4 address: " + s);
  }

  public static int main(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = options(args);
    } catch (RuntimeException e) {
      err.println("craft: " + e.getMessage());
      err.println("usage: craft --case ttl[,version,...] --src IP --vrid N --vip IP"
          + " [--version 2|3] [--advert 1s] [--password P] [--priority N] [--repeat N]"
          + " [--iface eth0]");
      return 2;
    }
    try (RawIpSender s = RawIpSender.open(o.iface())) {
      for (CraftCase c : o.cases()) {
        for (int i = 0; i < o.repeat(); i++) {
          s.send(c.packet(o.target()), VrrpCodec.MULTICAST_GROUP);
        }
        out.println("craft: sent " + o.repeat() + " x " + c.wireName() + " to "
            + VrrpCodec.MULTICAST_GROUP.getHostAddress() + " vrid " + o.target().vrid());
      }
      return 0;
    } catch (IOException e) {
      err.println("craft: " + e.getMessage());
      return 1;
    }
  }
}
