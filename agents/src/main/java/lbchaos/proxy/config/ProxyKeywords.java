package lbchaos.proxy.config;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import lbchaos.proxy.config.ProxySettings.Kind;

/** Keywords of defaults, frontend, backend and listen sections. */
final class ProxyKeywords {

  private static final Set<String> TIMEOUTS = Set.of("connect", "client", "server", "check",
      "queue");
  private static final Set<String> QUIET_OPTIONS = Set.of("tcplog", "httplog", "dontlognull",
      "log-health-checks", "http-keep-alive", "http-server-close", "httpclose", "splice-auto",
      "clitcpka", "srvtcpka", "tcpka", "abortonclose", "logasap");

  private ProxyKeywords() {}

  static void apply(ProxySettings p, List<String> w, Consumer<String> warn) {
    String k = w.getFirst();
    switch (k) {
      case "mode" -> {
        String v = ServerLineParser.arg(w, 0, k);
        p.mode = switch (v) {
          case "tcp" -> Mode.TCP;
          case "http" -> Mode.HTTP;
          default -> throw new IllegalArgumentException("'mode' expects tcp or http, got '" + v + "'");
        };
      }
      case "bind" -> {
        need(p, k, p.kind.front() && p.kind != Kind.DEFAULTS);
        for (String a : ServerLineParser.arg(w, 0, k).split(",")) {
          String[] hp = ServerLineParser.hostPort(a, true);
          p.binds.add(new Bind(hp[0], Integer.parseInt(hp[1])));
        }
        if (w.size() > 2) {
          warn.accept("bind options " + w.subList(2, w.size()) + " are ignored");
        }
      }
      case "default_backend" -> {
        need(p, k, p.kind.front());
        p.defaultBackend = Optional.of(ServerLineParser.arg(w, 0, k));
        p.defaultBackendLine = lineNoOf(p);
      }
      case "use_backend" -> {
        need(p, k, p.kind.front() && p.kind != Kind.DEFAULTS);
        String b = ServerLineParser.arg(w, 0, k);
        if (w.size() > 2) {
          warn.accept("use_backend " + b + " has a condition " + w.subList(2, w.size())
              + "; conditions are not evaluated, the rule is ignored");
        } else {
          p.useBackends.add(b);
          p.useBackendLines.add(lineNoOf(p));
        }
      }
      case "balance" -> {
        need(p, k, p.kind.back());
        String v = ServerLineParser.arg(w, 0, k);
        p.balance = Balance.of(v).orElseThrow(() -> new IllegalArgumentException(
            "'balance' algorithm '" + v + "' is not supported (roundrobin, static-rr, leastconn,"
                + " first, source)"));
      }
      case "server" -> {
        need(p, k, p.kind.back() && p.kind != Kind.DEFAULTS);
        if (w.size() < 3) {
          throw new IllegalArgumentException("'server' expects a name and an address");
        }
        ServerOptions o = p.defaultServer.copy();
        ServerLineParser.apply(o, w, 3, warn);
        String[] hp = ServerLineParser.hostPort(w.get(2), false);
        if (p.servers.stream().anyMatch(s -> s.name().equals(w.get(1)))) {
          throw new IllegalArgumentException("server name '" + w.get(1) + "' already used in '"
              + p.name + "'");
        }
        p.servers.add(o.toServer(w.get(1), hp[0], Integer.parseInt(hp[1]), lineNoOf(p)));
      }
      case "default-server" -> {
        need(p, k, p.kind.back());
        ServerLineParser.apply(p.defaultServer, w, 1, warn);
      }
      case "timeout" -> {
        String which = ServerLineParser.arg(w, 0, k);
        if (!TIMEOUTS.contains(which)) {
          warn.accept("'timeout " + which + "' is not supported and is ignored");
          return;
        }
        p.timeouts = p.timeouts.with(which, HaTime.parse(ServerLineParser.arg(w, 1, k + " " + which)));
      }
      case "retries" -> p.retries = ServerLineParser.number(ServerLineParser.arg(w, 0, k), k, 0,
          Integer.MAX_VALUE);
      case "maxconn" -> p.maxconn = ServerLineParser.positive(ServerLineParser.arg(w, 0, k), k);
      case "option", "no" -> option(p, w, warn);
      case "tcp-check" -> tcpCheck(p, w, warn);
      case "http-check" -> httpCheck(p, w, warn);
      case "stats" -> stats(p, w, warn);
      case "log" -> { } // logging goes to stdout as events; log targets are irrelevant here
      default -> warn.accept("unknown keyword '" + k + "' in " + p.kind.name().toLowerCase(
          java.util.Locale.ROOT) + " section" + (p.name.isEmpty() ? "" : " '" + p.name + "'")
          + "; ignored");
    }
  }

  private static int redispatchInterval(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'option redispatch' expects an integer interval, got '"
          + v + "'");
    }
  }

  private static void option(ProxySettings p, List<String> w, Consumer<String> warn) {
    boolean negate = w.getFirst().equals("no");
    int o = negate ? 1 : 0;
    if (negate && (w.size() < 2 || !w.get(1).equals("option"))) {
      warn.accept("unknown keyword 'no " + (w.size() > 1 ? w.get(1) : "") + "'; ignored");
      return;
    }
    String name = ServerLineParser.arg(w, o, "option");
    List<String> args = w.subList(o + 2, w.size());
    switch (name) {
      case "redispatch" -> {
        p.redispatch = !negate;
        p.redispatchInterval = args.isEmpty() ? -1 : redispatchInterval(args.getFirst());
      }
      case "allbackups" -> p.allBackups = !negate;
      case "forwardfor" -> p.forwardFor = !negate;
      case "httpchk" -> p.httpchk = negate ? Optional.empty() : Optional.of(List.copyOf(args));
      case "tcp-check" -> p.tcpCheck = !negate;
      default -> {
        if (!QUIET_OPTIONS.contains(name)) {
          warn.accept("'option " + name + "' is not supported and is ignored");
        }
      }
    }
  }

  private static void tcpCheck(ProxySettings p, List<String> w, Consumer<String> warn) {
    String what = ServerLineParser.arg(w, 0, "tcp-check");
    switch (what) {
      case "connect" -> {
        Optional<Integer> port = Optional.empty();
        for (int i = 2; i < w.size(); i++) {
          if (w.get(i).equals("port")) {
            port = Optional.of(ServerLineParser.number(ServerLineParser.arg(w, i, "port"), "port",
                1, 65535));
            i++;
          } else {
            warn.accept("tcp-check connect option '" + w.get(i) + "' is ignored");
          }
        }
        p.tcpSteps.add(new HealthCheck.Connect(port));
      }
      case "send" -> p.tcpSteps.add(new HealthCheck.Send(
          ServerLineParser.arg(w, 1, "tcp-check send").getBytes(StandardCharsets.UTF_8)));
      case "send-binary" -> p.tcpSteps.add(new HealthCheck.Send(hex(
          ServerLineParser.arg(w, 1, "tcp-check send-binary"))));
      case "expect" -> {
        int i = 2;
        boolean negate = i < w.size() && w.get(i).equals("!");
        if (negate) {
          i++;
        }
        String kind = ServerLineParser.arg(w, i - 1, "tcp-check expect");
        String pattern = ServerLineParser.arg(w, i, "tcp-check expect " + kind);
        byte[] bytes = switch (kind) {
          case "string" -> pattern.getBytes(StandardCharsets.UTF_8);
          case "binary" -> hex(pattern);
          default -> throw new IllegalArgumentException(
              "'tcp-check expect' supports string and binary, got '" + kind + "'");
        };
        p.tcpSteps.add(new HealthCheck.Expect(bytes, negate));
      }
      case "comment" -> { }
      default -> warn.accept("'tcp-check " + what + "' is not supported and is ignored");
    }
  }

  private static void httpCheck(ProxySettings p, List<String> w, Consumer<String> warn) {
    String what = ServerLineParser.arg(w, 0, "http-check");
    if (what.equals("expect") && w.size() == 4 && w.get(2).equals("status")) {
      p.httpExpectStatus = Optional.of(ServerLineParser.number(w.get(3), "http-check expect status",
          100, 599));
    } else {
      warn.accept("'http-check " + String.join(" ", w.subList(1, w.size()))
          + "' is not supported and is ignored");
    }
  }

  private static void stats(ProxySettings p, List<String> w, Consumer<String> warn) {
    String what = ServerLineParser.arg(w, 0, "stats");
    switch (what) {
      case "enable" -> p.statsEnabled = true;
      case "uri" -> p.statsUri = Optional.of(ServerLineParser.arg(w, 1, "stats uri"));
      default -> warn.accept("'stats " + what + "' is ignored");
    }
  }

  private static byte[] hex(String s) {
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid hex string '" + s + "'");
    }
  }

  private static void need(ProxySettings p, String keyword, boolean allowed) {
    if (!allowed) {
      throw new IllegalArgumentException("'" + keyword + "' is not allowed in a "
          + p.kind.name().toLowerCase(java.util.Locale.ROOT) + " section");
    }
  }

  /** Line numbers of references are recorded through the settings' current line holder. */
  private static int lineNoOf(ProxySettings p) {
    return p.currentLine;
  }
}
