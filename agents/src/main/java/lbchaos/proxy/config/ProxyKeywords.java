package lbchaos.proxy.config;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lbchaos.proxy.config.HaproxyKeywordSupport.Where;
import lbchaos.proxy.config.ProxySettings.Kind;

/**
 * Keywords of defaults, frontend, backend and listen sections. What the agent does not
 * implement goes to {@link Findings#unimplemented}: warned, refused, or an error when haproxy 2.6
 * has no such keyword there.
 */
final class ProxyKeywords {


  /** tcp-check expect matches other than string and binary (HaproxyKeywordSupport refuses). */
  private static final Set<String> REFUSED_MATCHES = Set.of("rstring", "rbinary", "string-lf",
      "binary-lf");

  /** haproxy 2.6's algorithms that {@link Balance} lacks (hdr and rdp-cookie take a name). */
  private static final Set<String> HAPROXY_ONLY_BALANCE = Set.of("uri", "url_param", "hdr",
      "random", "rdp-cookie");

  private ProxyKeywords() {}

  static void apply(ProxySettings p, List<String> w, Findings findings) {
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
        String addresses = ServerLineParser.arg(w, 0, k);
        Optional<BindTls> tls = BindOptions.read(w, findings, "'bind " + addresses + "'");
        for (String a : addresses.split(",")) {
          String[] hp = ServerLineParser.hostPort(a, true);
          p.binds.add(new Bind(hp[0], Integer.parseInt(hp[1]), tls));
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
        if (w.size() > 2 && p.firstRuleLine == 0) {
          p.firstRuleLine = lineNoOf(p);
        }
        rules(p, findings, () -> p.rules.useBackend(w, lineNoOf(p)));
        if (w.size() == 2 && !b.contains("%")) {
          p.useBackends.add(b);
          p.useBackendLines.add(lineNoOf(p));
        }
      }
      case "acl", "http-request", "http-response", "http-after-response", "redirect" -> {
        if (p.kind == Kind.DEFAULTS) {
          // haproxy 2.6 takes these only in named defaults, for one side: refused there
          findings.unimplemented(Where.PROXY, k, w.subList(1, w.size()), "");
          return;
        }
        if (p.firstRuleLine == 0) {
          p.firstRuleLine = lineNoOf(p);
        }
        rules(p, findings, () -> {
          switch (k) {
            case "acl" -> p.rules.acl(w);
            case "http-request" -> p.rules.httpRequest(w, lineNoOf(p));
            case "http-response" -> p.rules.httpResponse(w, lineNoOf(p));
            case "http-after-response" -> p.rules.httpAfterResponse(w, lineNoOf(p));
            default -> p.rules.redirect(w, lineNoOf(p));
          }
        });
      }
      case "stick-table" -> {
        if (p.kind == Kind.DEFAULTS) {
          throw new IllegalArgumentException("'stick-table' is not supported in 'defaults'"
              + " section.");
        }
        if (p.stickTable.isPresent() || p.refusedTable) {
          throw new IllegalArgumentException("stick-table name '" + p.name + "' conflicts with"
              + " table declared in " + p.kind.name().toLowerCase(java.util.Locale.ROOT) + " '"
              + p.name + "'");
        }
        try {
          p.stickTable = Optional.of(StickTable.parse(p.name, w.subList(1, w.size()),
              lineNoOf(p)));
        } catch (lbchaos.proxy.acl.Refused r) {
          p.refusedTable = true; // the java stack refuses the file; its rules still name it
          findings.refuse(lineNoOf(p), r.what(), r.why());
        }
      }
      case "balance" -> {
        need(p, k, p.kind.back());
        String v = ServerLineParser.arg(w, 0, k);
        Optional<Balance> b = Balance.of(v);
        if (b.isPresent()) {
          p.balance = b.get();
        } else if (HAPROXY_ONLY_BALANCE.contains(v.replaceFirst("\\(.*", ""))) {
          findings.unimplemented(Where.PROXY, k, w.subList(1, w.size()), "");
        } else {
          throw new IllegalArgumentException("'balance' algorithm '" + v + "' is unknown");
        }
      }
      case "server" -> {
        need(p, k, p.kind.back() && p.kind != Kind.DEFAULTS);
        if (w.size() < 3) {
          throw new IllegalArgumentException("'server' expects a name and an address");
        }
        ServerOptions o = p.defaultServer.copy();
        ServerLineParser.apply(o, w, 3, findings, "'server " + w.get(1) + "'",
            p.mode == Mode.HTTP);
        String[] hp = ServerLineParser.hostPort(w.get(2), false);
        if (p.servers.stream().anyMatch(s -> s.name().equals(w.get(1)))) {
          throw new IllegalArgumentException("server name '" + w.get(1) + "' already used in '"
              + p.name + "'");
        }
        p.servers.add(o.toServer(w.get(1), hp[0], Integer.parseInt(hp[1]), lineNoOf(p)));
      }
      case "default-server" -> {
        need(p, k, p.kind.back());
        ServerLineParser.apply(p.defaultServer, w, 1, findings, "'default-server'",
            p.mode == Mode.HTTP);
      }
      case "timeout" -> {
        String which = ServerLineParser.arg(w, 0, k);
        if (!Timeouts.NAMES.contains(which)) {
          findings.unimplemented(Where.TIMEOUT, which, w.subList(2, w.size()), "timeout '" + which
              + "': must be 'client', 'server', 'connect', 'check', 'queue', 'http-keep-alive',"
              + " 'http-request', 'tunnel', 'tarpit', 'client-fin' or 'server-fin'");
          return;
        }
        p.timeouts = p.timeouts.with(which, HaTime.parse(ServerLineParser.arg(w, 1, k + " " + which)));
      }
      case "http-reuse" -> {
        if (!p.kind.back()) {
          // haproxy warns and ignores it where there is no backend side
          findings.warn("'" + k + "' ignored because " + p.kind.name().toLowerCase(
              java.util.Locale.ROOT) + " '" + p.name + "' has no backend capability");
          return;
        }
        p.httpReuse = HttpReuse.of(w.size() > 1 ? w.get(1) : "").orElseThrow(
            () -> new IllegalArgumentException("'" + k + "' only supports 'never', 'safe',"
                + " 'aggressive', 'always'"));
        if (w.size() > 2) {
          throw new IllegalArgumentException("'" + k + " " + w.get(1) + "' cannot handle"
              + " unexpected argument '" + w.get(2) + "'");
        }
      }
      case "retries" -> p.retries = ServerLineParser.number(ServerLineParser.arg(w, 0, k), k, 0,
          Integer.MAX_VALUE);
      case "max-session-srv-conns" -> {
        if (!p.kind.front()) {
          // haproxy warns and keeps the value, which nothing reads, where there is no frontend
          findings.warn("'" + k + "' ignored because backend '" + p.name
              + "' has no frontend capability");
        }
        // haproxy takes atoi() of the word; a number below 1 keeps no connection idle
        p.maxSessionSrvConns = ServerLineParser.number(ServerLineParser.arg(w, 0, k), k,
            Integer.MIN_VALUE, Integer.MAX_VALUE);
      }
      case "errorfile", "errorloc", "errorloc302", "errorloc303" ->
          p.errorLines.add(ErrorFile.parse(k, w.subList(1, w.size()), lineNoOf(p)));
      case "errorfiles" -> p.errorLines.add(HttpErrors.Use.parse(w.subList(1, w.size()),
          lineNoOf(p)));
      case "maxconn" -> p.maxconn = ServerLineParser.positive(ServerLineParser.arg(w, 0, k), k);
      case "option" -> option(p, w, false, findings);
      case "log" -> AccessLogKeywords.log(p, w.subList(1, w.size()), findings);
      case "log-format" -> AccessLogKeywords.logFormat(p, w, findings);
      case "no" -> {
        if (w.get(1).equals("log")) {
          p.logs.clear();
          p.logGlobal = false;
        } else if (w.get(1).equals("option")) {
          option(p, w.subList(1, w.size()), true, findings);
        } else {
          findings.unimplemented(Where.PROXY, w.get(1), w.subList(2, w.size()), unknown(p, w.get(1)));
        }
      }
      case "tcp-check" -> tcpCheck(p, w, findings);
      case "http-check" -> httpCheck(p, w, findings);
      case "stats" -> stats(p, w, findings);
      default -> findings.unimplemented(Where.PROXY, k, w.subList(1, w.size()), unknown(p, k));
    }
  }

  /** Runs a rules line: a rule haproxy runs and the agent does not becomes a refusal. */
  private static void rules(ProxySettings p, Findings findings, Runnable line) {
    try {
      line.run();
    } catch (lbchaos.proxy.acl.Refused r) {
      findings.refuse(lineNoOf(p), r.what(), r.why());
    } finally {
      // also when the line is an error: what it named is not the next line's
      p.rules.takeTableRefs().forEach(t -> p.tableRefs.add(Map.entry(lineNoOf(p), t)));
      p.rules.takePatternFiles().forEach(f -> p.patternFiles.add(new PatternFile(f,
          lineNoOf(p))));
    }
  }

  /** haproxy 2.6's words for a keyword it does not have in a proxy section. */
  private static String unknown(ProxySettings p, String keyword) {
    return "unknown keyword '" + keyword + "' in '"
        + p.kind.name().toLowerCase(java.util.Locale.ROOT) + "' section";
  }

  private static int redispatchInterval(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'option redispatch' expects an integer interval, got '"
          + v + "'");
    }
  }

  /** {@code w}: "option" NAME ARGS, after a "no" when {@code negate}. */
  private static void option(ProxySettings p, List<String> w, boolean negate,
      Findings findings) {
    String name = ServerLineParser.arg(w, 0, "option");
    List<String> args = w.subList(2, w.size());
    switch (name) {
      case "redispatch" -> {
        p.redispatch = !negate;
        p.redispatchInterval = args.isEmpty() ? -1 : redispatchInterval(args.getFirst());
      }
      case "allbackups" -> p.allBackups = !negate;
      case "forwardfor" -> p.forwardFor = negate ? Optional.empty()
          : Optional.of(ForwardFor.parse(args));
      case "http-server-close" -> p.serverClose = !negate;
      // haproxy's default mode; "no option http-keep-alive" alone changes nothing either
      case "http-keep-alive" -> p.serverClose = negate && p.serverClose;
      case "dontlognull" -> p.dontLogNull = !negate;
      case "httplog", "tcplog" -> AccessLogKeywords.option(p, name, args, negate, findings);
      case "http-ignore-probes" -> p.ignoreProbes = !negate;
      case "http-buffer-request" -> p.bufferRequest = !negate;
      case "httpchk" -> p.httpchk = negate ? Optional.empty() : Optional.of(List.copyOf(args));
      case "tcp-check" -> p.tcpCheck = !negate;
      default -> {
        String unknown = "unknown option '" + name + "'";
        var rule = HaproxyKeywordSupport.rule(Where.OPTION, name)
            .orElseThrow(() -> new IllegalArgumentException(unknown));
        // "no option X" of a refused option is haproxy's default, which the agent does
        if (!negate || !rule.refused()) {
          findings.unimplemented(Where.OPTION, name, args, unknown);
        }
      }
    }
  }

  private static void tcpCheck(ProxySettings p, List<String> w, Findings findings) {
    String what = ServerLineParser.arg(w, 0, "tcp-check");
    String context = "'tcp-check " + what + "'";
    switch (what) {
      case "connect" -> {
        Optional<Integer> port = Optional.empty();
        for (int i = 2; i < w.size(); ) {
          if (w.get(i).equals("port")) {
            port = Optional.of(ServerLineParser.number(ServerLineParser.arg(w, i, "port"), "port",
                1, 65535));
            i += 2;
          } else {
            i = findings.option(Where.TCP_CHECK_OPTION, w, i, context, "port"::equals);
          }
        }
        p.tcpSteps.add(new HealthCheck.Connect(port));
      }
      case "send" -> p.tcpSteps.add(new HealthCheck.Send(
          ServerLineParser.arg(w, 1, "tcp-check send").getBytes(StandardCharsets.UTF_8)));
      case "send-binary" -> p.tcpSteps.add(new HealthCheck.Send(hex(
          ServerLineParser.arg(w, 1, "tcp-check send-binary"))));
      case "expect" -> tcpExpect(p, w, findings, context);
      default -> findings.unimplemented(Where.TCP_CHECK, what, w.subList(2, w.size()),
          "'tcp-check' expects 'comment', 'connect', 'send', 'send-lf', 'send-binary',"
              + " 'send-binary-lf', 'expect', 'set-var' or 'unset-var' (got '" + what + "')");
    }
  }

  /**
   * "tcp-check expect [options] [!] string|binary PATTERN": the agent matches a string or hex
   * bytes; the other matches (rstring, string-lf, ...) and the options are refused.
   */
  private static void tcpExpect(ProxySettings p, List<String> w, Findings findings,
      String context) {
    boolean negate = false;
    byte[] bytes = null;
    for (int i = 2; i < w.size(); ) {
      String k = w.get(i);
      if (k.equals("!")) {
        negate = true;
        i++;
      } else if (k.equals("string") || k.equals("binary")) {
        String pattern = ServerLineParser.arg(w, i, "tcp-check expect " + k);
        bytes = k.equals("string") ? pattern.getBytes(StandardCharsets.UTF_8) : hex(pattern);
        i += 2;
      } else {
        if (REFUSED_MATCHES.contains(k)) {
          bytes = new byte[0]; // refused; the rule is not run, so its bytes do not matter
        }
        i = findings.option(Where.TCP_CHECK_OPTION, w, i, context,
            x -> x.equals("!") || x.equals("string") || x.equals("binary"));
      }
    }
    if (bytes == null) {
      throw new IllegalArgumentException("'tcp-check expect' expects a match (string, binary,"
          + " ...) and its pattern");
    }
    p.tcpSteps.add(new HealthCheck.Expect(bytes, negate));
  }

  private static void httpCheck(ProxySettings p, List<String> w, Findings findings) {
    String what = ServerLineParser.arg(w, 0, "http-check");
    Optional<HttpExpect> expect = what.equals("expect")
        ? HttpExpect.parse(w.subList(2, w.size())) : Optional.empty();
    if (expect.isPresent()) {
      if (p.httpExpectsInherited) {
        p.httpExpects.clear();
        p.httpExpectsInherited = false;
      }
      p.httpExpects.add(expect.get());
    } else {
      findings.unimplemented(Where.HTTP_CHECK, what, w.subList(2, w.size()), "'http-check'"
          + " expects 'comment', 'connect', 'disable-on-404', 'expect', 'send', 'send-state',"
          + " 'set-var' or 'unset-var' (got '" + what + "')");
    }
  }

  private static void stats(ProxySettings p, List<String> w, Findings findings) {
    String what = ServerLineParser.arg(w, 0, "stats");
    switch (what) {
      case "enable" -> p.statsEnabled = true;
      case "uri" -> p.statsUri = Optional.of(ServerLineParser.arg(w, 1, "stats uri"));
      default -> findings.unimplemented(Where.STATS, what, w.subList(2, w.size()), "'stats'"
          + " expects 'admin', 'auth', 'enable', 'hide-version', 'http-request', 'realm',"
          + " 'refresh', 'scope', 'show-desc', 'show-legends', 'show-modules', 'show-node' or"
          + " 'uri' (got '" + what + "')");
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
