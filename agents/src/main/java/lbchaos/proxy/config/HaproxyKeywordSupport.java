package lbchaos.proxy.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import lbchaos.config.JavaRefusal;

/**
 * The one place that says what the Java proxy agent does with each haproxy 2.6 keyword it does
 * not implement (the parser implements the rest: {@link HaproxyConfigParser},
 * {@link ProxyKeywords}, {@link ServerLineParser}): either <b>refused</b>, because haproxy behaves
 * differently with it and the agent would drift (the java stack stops before anything starts,
 * {@link JavaRefusal}), or <b>warned</b>, because it has no effect on what the harness tests
 * (which server answers, health checks and their timing, failover, soft stop). A keyword in
 * neither the parser nor this table is not haproxy 2.6's there, and haproxy refuses to start on
 * it ("unknown keyword 'foo' in 'backend' section"): an error, as is a keyword haproxy 2.6 only
 * keeps to say it is gone (nbproc, reqadd, redispatch, clitimeout, grace in a proxy, ...).
 *
 * <p>Sources: the haproxy 2.6 configuration manual and its parsers (cfgparse-global.c,
 * cfgparse-listen.c, the cfg_kws, srv_kws and bind_kws tables of proxy.c, server.c, ssl_sock.c,
 * tcpcheck.c, ...). Each entry's text says why; the user reads it in the refusal or the warning.
 * A server or bind keyword also says how many words follow it, so the rest of its line is still
 * read ({@code server a 10.0.0.1:80 slowstart 10s check} keeps its check).
 */
public final class HaproxyKeywordSupport {

  /** Where a keyword is written. */
  public enum Where {
    /** First word of a line outside any keyword: a section or a directive (.if). */
    SECTION(""),
    GLOBAL(""),
    /** First word of a line in defaults, frontend, backend or listen. */
    PROXY(""),
    OPTION("option "),
    TIMEOUT("timeout "),
    /** After "stats" in a proxy. */
    STATS("stats "),
    /** After "stats" in global. */
    GLOBAL_STATS("stats "),
    HTTP_CHECK("http-check "),
    TCP_CHECK("tcp-check "),
    /** An option of a "tcp-check connect" or "tcp-check expect" rule. */
    TCP_CHECK_OPTION("tcp-check option "),
    /** A keyword after the address of "server", or on "default-server". */
    SERVER("server option "),
    /** A keyword after the addresses of "bind". */
    BIND("bind option "),
    /** A keyword after the path of a global "stats socket" (haproxy's bind options). */
    STATS_SOCKET("stats socket option "),
    /** What a "log" line says beyond what the agent sends to ("target", "sample"). */
    LOG("log "),
    /** A variable or construct of a log-format string ("%U", "%["). */
    LOG_FORMAT("log-format ");

    private final String prefix;

    Where(String prefix) {
      this.prefix = prefix;
    }
  }

  /**
   * @param refused true: the java stack refuses the line (unless {@code noEffect} holds for its
   *     arguments); false: a warning
   * @param args how many words follow the keyword on its line (server, bind and tcp-check
   *     options: the next keyword starts after them)
   * @param why what haproxy does with it, and why that matters or not
   * @param noEffect arguments at which the keyword changes nothing (haproxy's default)
   */
  public record Rule(Where where, String keyword, boolean refused, int args, String why,
      Predicate<List<String>> noEffect) {

    /** Whether this line, with these arguments, stops the java stack. */
    public boolean refuses(List<String> arguments) {
      return refused && !noEffect.test(arguments);
    }

    /** How a refusal names it: "option abortonclose", "server option ssl", "hash-type x". */
    public String what(List<String> arguments) {
      String k = where.prefix + keyword;
      return noEffect == NEVER || arguments.isEmpty() ? k : k + " " + String.join(" ", arguments);
    }
  }

  private static final Predicate<List<String>> NEVER = a -> false;
  private static final Map<String, Rule> RULES = new HashMap<>();

  private HaproxyKeywordSupport() {}

  /** What the agent does with {@code keyword} written at {@code where}; empty: not haproxy's. */
  public static Optional<Rule> rule(Where where, String keyword) {
    return Optional.ofNullable(RULES.get(where + " " + keyword));
  }

  /** Every rule, for documentation and tests. */
  public static List<Rule> rules() {
    return List.copyOf(RULES.values());
  }

  /** Refused, each taking {@code args} words. */
  private static void refuse(Where w, int args, String why, String... keywords) {
    for (String k : keywords) {
      put(new Rule(w, k, true, args, why, NEVER));
    }
  }

  /** Refused unless its one argument is {@code harmless} (haproxy's default). */
  private static void refuseUnless(Where w, String keyword, String harmless, String why) {
    put(new Rule(w, keyword, true, 1, why, a -> a.equals(List.of(harmless))));
  }

  /** Warned, each taking {@code args} words. */
  private static void warn(Where w, int args, String why, String... keywords) {
    for (String k : keywords) {
      put(new Rule(w, k, false, args, why, NEVER));
    }
  }

  private static void put(Rule r) {
    if (RULES.put(r.where() + " " + r.keyword(), r) != null) {
      throw new IllegalStateException("two rules for " + r.where() + " " + r.keyword());
    }
  }

  // Reasons shared by several tables.
  private static final String LOGS = "logging only; the agent reports what it does as events on"
      + " stdout";
  private static final String TLS = "a TLS setting of haproxy's OpenSSL (process-wide tuning or"
      + " defaults); the agent runs the JDK's TLS with its defaults";
  private static final String PROCESS = "process tuning or housekeeping, no effect on which"
      + " server answers, health checks or failover";
  private static final String RULES_ONLY = "only read by rules (http-request, tcp-request, ...),"
      + " which are refused";
  private static final String UNIX = "only for UNIX sockets and the stats socket, which a bind"
      + " line of the agent does not open";
  private static final String TCP_TUNING = "a TCP socket setting; connections still go to the same"
      + " server at the same time";
  private static final String CHECK = "haproxy then checks the server another way than the agent"
      + " (which implements a TCP connect, tcp-check connect/send/expect string|binary and"
      + " option httpchk with http-check expect [!] status|rstatus|string|rstring)";
  private static final String PROXY_PROTOCOL = "haproxy then speaks the PROXY protocol to the"
      + " server; the agent sends the client's bytes only";

  static {
    // ---- sections (haproxy 2.6 cfgparse.c registers these); their content is not read.
    // Definitions used only by keywords that are refused themselves (stick tables, resolvers,
    // userlist auth, caches): nothing changes until a proxy uses them.
    warn(Where.SECTION, 0, "a definition only; what uses it in a proxy (stick, server resolvers,"
        + " http-request auth or cache-use, filter) is refused", "peers", "resolvers",
        "userlist", "cache", "fcgi-app");
    warn(Where.SECTION, 0, "mail alerts and log rings, no effect on traffic", "mailers", "ring");
    warn(Where.SECTION, 0, "an external program the master process runs beside the proxy; it"
        + " does not change the proxy's traffic", "program");
    // haproxy 3.x sections, which the Debian 13 reference stack accepts.
    warn(Where.SECTION, 0, "a haproxy 3.x section, for its TLS stores or traces, its content is"
        + " ignored", "crt-store", "traces");
    // Conditional blocks (cfgparse.c): haproxy keeps or drops the lines between them.
    refuse(Where.SECTION, 0, "haproxy keeps or drops the lines of a conditional block by its"
        + " condition; the agent reads them all", ".if", ".elif", ".else", ".endif");
    // .alert stops haproxy, unless a conditional block drops it: an error outside one.
    warn(Where.SECTION, 0, "a message haproxy prints while reading the file", ".diag", ".notice",
        ".warning", ".alert");

    // ---- global (cfgparse-global.c and the CFG_GLOBAL keyword tables)
    warn(Where.GLOBAL, 0, LOGS, "log-send-hostname", "log-tag");
    warn(Where.GLOBAL, 0, PROCESS, "daemon", "master-worker", "mworker-max-reloads", "chroot",
        "pidfile", "quiet", "zero-warning", "nbthread", "thread-group", "thread-groups", "cpu-map",
        "numa-cpu-mapping", "ulimit-n", "fd-hard-limit", "strict-limits", "busy-polling",
        "noepoll", "nokqueue", "noevports", "nopoll", "nosplice", "nogetaddrinfo", "noreuseport",
        "no-memory-trimming", "set-dumpable", "insecure-fork-wanted", "insecure-setuid-wanted",
        "expose-experimental-directives", "node", "description", "localpeer", "cluster-secret",
        "maxpipes", "profiling.memory", "profiling.tasks", "default-path", "ca-base", "crt-base",
        "external-check", "h2-workaround-bogus-websocket-clients",
        "h1-accept-payload-with-any-method", "h1-case-adjust", "h1-case-adjust-file",
        "server-state-base", "server-state-file", "pp2-never-send-local", "httpclient.resolvers.id",
        "httpclient.resolvers.prefer", "httpclient.ssl.ca-file", "httpclient.ssl.verify");
    warn(Where.GLOBAL, 0, PROCESS, "tune.buffers.limit", "tune.buffers.reserve", "tune.bufsize",
        "tune.chksize", "tune.comp.maxlevel", "tune.http.cookielen", "tune.http.logurilen",
        "tune.http.maxhdr", "tune.idletimer", "tune.maxaccept", "tune.maxpollevents",
        "tune.maxrewrite", "tune.pattern.cache-size", "tune.pipesize", "tune.rcvbuf.client",
        "tune.rcvbuf.server", "tune.recv_enough", "tune.runqueue-depth", "tune.sndbuf.client",
        "tune.sndbuf.server", "tune.fail-alloc", "tune.fd.edge-triggered",
        "tune.h2.header-table-size", "tune.h2.initial-window-size",
        "tune.h2.max-concurrent-streams", "tune.h2.max-frame-size", "tune.idle-pool.shared",
        "tune.listener.multi-queue", "tune.pool-high-fd-ratio", "tune.pool-low-fd-ratio",
        "tune.sched.low-latency", "tune.vars.check-max-size", "tune.vars.global-max-size",
        "tune.vars.proc-max-size", "tune.vars.reqres-max-size", "tune.vars.sess-max-size",
        "tune.vars.txn-max-size", "tune.quic.backend.max-idle-timeout",
        "tune.quic.frontend.conn-tx-buffers.limit", "tune.quic.frontend.max-idle-timeout",
        "tune.quic.frontend.max-streams-bidi", "tune.quic.retry-threshold");
    warn(Where.GLOBAL, 0, RULES_ONLY + " or Lua services", "lua-load", "lua-load-per-thread",
        "lua-prepend-path", "tune.lua.forced-yield", "tune.lua.maxmem", "tune.lua.service-timeout",
        "tune.lua.session-timeout", "tune.lua.task-timeout", "set-var", "set-var-fmt");
    warn(Where.GLOBAL, 0, "compression settings; compression is refused", "maxcomprate",
        "maxcompcpuusage", "maxzlibmem", "tune.zlib.memlevel", "tune.zlib.windowsize");
    // ssl-server-verify required is haproxy's default, which the agent implements
    refuseUnless(Where.GLOBAL, "ssl-server-verify", "required", "haproxy then skips verifying"
        + " servers' certificates by default; the agent implements verify none per server line");
    warn(Where.GLOBAL, 0, TLS, "maxsslconn", "maxsslrate",
        "ssl-default-bind-ciphers", "ssl-default-bind-ciphersuites", "ssl-default-bind-curves",
        "ssl-default-bind-options", "ssl-default-server-ciphers",
        "ssl-default-server-ciphersuites", "ssl-default-server-options", "ssl-dh-param-file",
        "ssl-engine", "ssl-load-extra-del-ext", "ssl-load-extra-files", "ssl-mode-async",
        "ssl-propquery", "ssl-provider", "ssl-provider-path", "ssl-skip-self-issued-ca",
        "issuers-chain-path", "tune.ssl.cachesize", "tune.ssl.capture-buffer-size",
        "tune.ssl.capture-cipherlist-size", "tune.ssl.default-dh-param",
        "tune.ssl.force-private-cache", "tune.ssl.hard-maxrecord", "tune.ssl.keylog",
        "tune.ssl.lifetime", "tune.ssl.maxrecord", "tune.ssl.ssl-ctx-cache-size");
    warn(Where.GLOBAL, 0, UNIX, "unix-bind");
    refuse(Where.GLOBAL, 0, "haproxy then accepts at most that many new connections or sessions"
        + " a second; the agent does not limit the rate", "maxconnrate", "maxsessrate");
    // A soft stop (SIGUSR1, the graceful-stop scenario): haproxy keeps its listeners open this
    // long, or closes idle connections over this time; the agent closes its listeners at once.
    refuse(Where.GLOBAL, 0, "haproxy keeps accepting that long after a soft stop; the agent"
        + " closes its listeners at once", "grace");
    refuse(Where.GLOBAL, 0, "haproxy spreads the closing of idle connections over that time on a"
        + " soft stop; the agent does not", "close-spread-time");
    refuse(Where.GLOBAL, 0, "haproxy sets environment variables that later lines expand; the agent"
        + " does not expand variables", "setenv", "presetenv", "resetenv", "unsetenv");
    // The runtime API: implemented on a UNIX socket path (lbchaos.proxy.cli), with its mode and
    // level options; haproxy also serves it on TCP addresses (ipv4@, host:port).
    put(new Rule(Where.GLOBAL_STATS, "socket", true, 0, "haproxy then serves its runtime API on"
        + " that address; the agent serves it on a UNIX socket path only",
        a -> !a.isEmpty() && a.getFirst().startsWith("/")));
    warn(Where.GLOBAL_STATS, 0, "the agent closes a runtime API connection idle 10 s (haproxy's"
        + " default) and serves any number of them", "timeout", "maxconn");
    warn(Where.GLOBAL_STATS, 0, PROCESS, "bind-process");
    // Options of "stats socket" other than mode and level (cfgparse-global.c, cli.c, listener.c)
    refuse(Where.STATS_SOCKET, 1, "haproxy then gives the socket file to that owner; the agent"
        + " leaves it to root", "user", "uid", "group", "gid");
    refuseUnless(Where.STATS_SOCKET, "severity-output", "none", "haproxy then prefixes its"
        + " answers with a severity; the agent answers without one (haproxy's default)");
    refuse(Where.STATS_SOCKET, 0, "haproxy then accepts TLS or the PROXY protocol on the socket;"
        + " the agent plain text", "ssl", "accept-proxy");
    warn(Where.STATS_SOCKET, 1, "hands the listening sockets to a new process on a seamless"
        + " reload; the agent reloads in its process", "expose-fd");
    warn(Where.STATS_SOCKET, 1, PROCESS, "process", "thread", "name", "id", "nice", "backlog",
        "maxconn");

    // ---- defaults, frontend, backend, listen: keywords (cfgparse-listen.c, proxy.c, ...)
    warn(Where.PROXY, 0, LOGS, "log-format-sd", "error-log-format",
        "log-tag", "capture", "declare", "unique-id-format");
    warn(Where.PROXY, 0, "a name or number for logs and the stats page", "id", "description");
    warn(Where.PROXY, 0, "the default: the proxy is enabled", "enabled");
    warn(Where.PROXY, 0, PROCESS, "bind-process", "backlog", "max-keep-alive-queue",
        "clitcpka-cnt", "clitcpka-idle", "clitcpka-intvl", "srvtcpka-cnt",
        "srvtcpka-idle", "srvtcpka-intvl");
    warn(Where.PROXY, 0, "mail alerts, no effect on traffic", "email-alert");
    warn(Where.PROXY, 0, "only with server minconn, which is refused", "fullconn");
    warn(Where.PROXY, 0, "only with cookie persistence, which is refused", "dynamic-cookie-key");
    warn(Where.PROXY, 0, "only with option external-check, which is refused", "external-check");
    // http-reuse: implemented (HttpReuse), as are option http-server-close, http-keep-alive and
    // max-session-srv-conns (SessionConnections).
    warn(Where.PROXY, 0, "server states saved from the stats socket into a file and read back"
        + " on a reload; a lab starts without them", "load-server-state-from-file",
        "server-state-file-name");
    // use_backend [if|unless COND], acl, http-request (deny, allow, return, redirect, the
    // header and request line actions, track-sc), http-response and http-after-response (the
    // header actions), redirect
    // and stick-table (StickTable) are implemented in frontend, listen and backend sections
    // (lbchaos.proxy.acl, lbchaos.proxy.stick); the other
    // actions and fetches are refused there with file:line (RulesBuilder). In a defaults
    // section they stay refused:
    refuse(Where.PROXY, 0, "haproxy 2.6 then runs these rules (or ACLs) from a named defaults"
        + " section before the proxy's own; the agent reads them in frontend, listen and backend"
        + " sections only", "acl", "http-request", "http-response", "http-after-response",
        "redirect");
    refuse(Where.PROXY, 0, "haproxy then runs these rules on each request or response; the"
        + " agent runs none", "tcp-request", "tcp-response");
    refuse(Where.PROXY, 0, "haproxy then picks the server by a rule or a persistence cookie or"
        + " table, not by the balance alone; the agent balances only", "use-server",
        "force-persist", "ignore-persist", "stick", "cookie", "persist");
    refuse(Where.PROXY, 0, "haproxy then creates servers from a template; the agent would balance"
        + " without them", "server-template");
    refuse(Where.PROXY, 0, "haproxy then sends the connections elsewhere or from another address",
        "dispatch", "transparent", "source");
    refuse(Where.PROXY, 0, "haproxy then answers that URI itself (a monitor page)",
        "monitor-uri", "monitor");
    refuse(Where.PROXY, 0, "haproxy then answers errors with that reply; the agent sends"
        + " haproxy's built-in pages, an errorfile's or an errorloc's", "http-error");
    refuse(Where.PROXY, 0, "haproxy then transforms the traffic (compression, filters, FastCGI)",
        "compression", "filter", "use-fcgi-app");
    refuse(Where.PROXY, 0, "haproxy then adds a header to each request; the agent adds only"
        + " X-Forwarded-For (option forwardfor)", "http-send-name-header", "unique-id-header");
    refuse(Where.PROXY, 0, "haproxy then limits the rate of new sessions", "rate-limit");
    refuse(Where.PROXY, 0, "the proxy then does not start; the agent starts it", "disabled");
    refuse(Where.PROXY, 0, "haproxy then takes that option from the defaults section; the agent"
        + " does not implement the modifier", "default");
    // balance source hashes the address onto the servers: the agent does it map-based, haproxy's
    // default; consistent hashing maps the same client to other servers.
    refuseUnless(Where.PROXY, "hash-type", "map-based", "haproxy then maps hashes onto servers"
        + " another way; the agent maps them as map-based does (haproxy's default)");
    refuseUnless(Where.PROXY, "hash-balance-factor", "0", "haproxy then moves a client whose"
        + " consistent-hash server is loaded; the agent does not");
    // roundrobin, static-rr, leastconn, first and source are implemented (Balance).
    put(new Rule(Where.PROXY, "balance", true, 0, "haproxy then picks servers by that algorithm;"
        + " the agent implements roundrobin, static-rr, leastconn, first and source",
        a -> !a.isEmpty() && Balance.of(a.getFirst()).isPresent()));
    refuseUnless(Where.PROXY, "retry-on", "conn-failure", "haproxy then retries on other failures"
        + " than a failed connect (its default, and the agent's)");

    // ---- option / no option (cfgparse-listen.c common options, proxy.c cfg_opts and cfg_opts2)
    // dontlognull and http-ignore-probes are implemented (ProxyKeywords): besides logging, they
    // spare an empty connection haproxy's 408 when it times out (mux_h1.c h1_handle_req_tout).
    warn(Where.OPTION, 0, LOGS, "log-health-checks", "socket-stats", "contstats");
    // The access log is implemented (option httplog/tcplog, log-format, log; AccessLogKeywords):
    // what changes its lines and the agent does not do is refused.
    refuse(Where.OPTION, 0, "changes which requests the access log shows, or when; the agent"
        + " logs every request once it ends", "dontlog-normal", "log-separate-errors", "logasap");
    refuse(Where.OPTION, 0, "haproxy's TLS or CLF access log formats; the agent writes httplog,"
        + " tcplog and log-format lines", "httpslog", "httplog clf");
    refuse(Where.LOG, 0, "the agent logs to stdout, stderr, a unix datagram socket or UDP over"
        + " IPv4 (no TCP, ring, IPv6 or host name target)", "target");
    refuse(Where.LOG, 0, "log sampling: the agent logs every request", "sample");
    refuse(Where.LOG_FORMAT, 0, "a sample expression in a log-format", "%[");
    refuse(Where.LOG_FORMAT, 0, "a log-format option other than +Q and -Q", "%{");
    for (String v : lbchaos.proxy.log.LogFormat.HAPROXY_ONLY) {
      refuse(Where.LOG_FORMAT, 0, "a log-format variable the agent has no value for", "%" + v);
    }
    warn(Where.OPTION, 0, TCP_TUNING, "tcpka", "clitcpka", "srvtcpka", "splice-auto",
        "splice-request", "splice-response", "tcp-smart-accept", "tcp-smart-connect",
        "http-no-delay");
    warn(Where.OPTION, 0, "only what haproxy tells a server that closes keep-alive connections"
        + " itself; the agent keeps server connections as http-reuse says", "http-pretend-keepalive");
    // http-buffer-request is implemented (HttpSession.awaitBody).
    warn(Where.OPTION, 0, "only how long each side may idle; the server picked and the checks"
        + " are the same", "independent-streams", "idle-close-on-response", "disable-h2-upgrade");
    refuse(Where.OPTION, 0, "haproxy then closes the client's connection after each response;"
        + " the agent keeps it alive", "httpclose");
    refuse(Where.OPTION, 0, "haproxy then resets connections instead of closing them", "nolinger");
    refuse(Where.OPTION, 0, "haproxy then aborts a request whose client has closed while it"
        + " waits for a server; the agent still sends it", "abortonclose");
    refuse(Where.OPTION, 0, "haproxy then sends a client's requests to the server of its last"
        + " one; the agent balances each", "prefer-last-server");
    refuse(Where.OPTION, 0, "haproxy then keeps a cookie's server even when it is down",
        "persist");
    refuse(Where.OPTION, 0, "haproxy then blocks cacheable responses that set cookies",
        "checkcache");
    refuse(Where.OPTION, 0, "haproxy then accepts, rewrites or drops requests the agent handles"
        + " otherwise", "accept-invalid-http-request", "accept-invalid-http-response",
        "http-use-proxy-header", "http-restrict-req-hdr-names", "h1-case-adjust-bogus-client",
        "h1-case-adjust-bogus-server");
    refuse(Where.OPTION, 0, "haproxy then adds an X-Original-To header; the agent adds only"
        + " X-Forwarded-For", "originalto");
    refuse(Where.OPTION, 0, "haproxy then connects to the servers from the client's address",
        "transparent");
    refuse(Where.OPTION, 0, CHECK, "ssl-hello-chk", "smtpchk", "pgsql-check", "redis-check",
        "mysql-check", "ldap-check", "spop-check", "external-check");

    // ---- timeout (proxy.c proxy_parse_timeout): connect, client, server, check, queue,
    // http-request, http-keep-alive, tunnel, client-fin and server-fin are implemented.
    warn(Where.TIMEOUT, 1, "only for tarpit rules, which are refused", "tarpit");

    // ---- stats in a proxy; enable and uri are implemented.
    refuse(Where.STATS, 0, "haproxy then asks for a password or lets the page change servers; the"
        + " agent serves the page to anyone, read-only", "auth", "realm", "admin", "http-request",
        "scope");
    warn(Where.STATS, 0, "only how the stats page looks", "hide-version", "refresh", "show-desc",
        "show-legends", "show-modules", "show-node");

    // ---- http-check (tcpcheck.c); "expect [!] status|rstatus|string|rstring P" is implemented
    // (HttpExpect); an expect with other matches or options (hdr, min-recv, ok-status, ...) is
    // refused.
    refuse(Where.HTTP_CHECK, 0, CHECK, "send", "send-state", "connect", "disable-on-404",
        "set-var", "unset-var", "expect");
    warn(Where.HTTP_CHECK, 0, "a comment for logs", "comment");
    // ---- tcp-check; connect [port N], send, send-binary, expect [!] string|binary are.
    refuse(Where.TCP_CHECK, 0, CHECK, "send-lf", "send-binary-lf", "set-var", "unset-var");
    warn(Where.TCP_CHECK, 0, "a comment for logs", "comment");
    refuse(Where.TCP_CHECK_OPTION, 1, CHECK, "addr", "alpn", "proto", "sni", "min-recv",
        "ok-status", "error-status", "tout-status", "on-success", "on-error", "status-code");
    refuse(Where.TCP_CHECK_OPTION, 0, CHECK, "ssl", "send-proxy", "via-socks4", "linger",
        "default");
    refuse(Where.TCP_CHECK_OPTION, 1, CHECK, "rstring", "rbinary", "string-lf", "binary-lf");
    warn(Where.TCP_CHECK_OPTION, 1, "a comment for logs", "comment");

    // ---- server and default-server (server.c srv_kws, ssl_sock.c, ...), with their arity
    // ssl, no-ssl, check-ssl, no-check-ssl, verify, ca-file, sni str(NAME), check-sni:
    // implemented (ServerLineParser, ServerTls)
    refuse(Where.SERVER, 0, PROXY_PROTOCOL, "send-proxy", "send-proxy-v2", "send-proxy-v2-ssl",
        "send-proxy-v2-ssl-cn", "check-send-proxy");
    refuse(Where.SERVER, 1, "haproxy then speaks another protocol (h2, fcgi) to the server",
        "proto", "check-proto");
    refuse(Where.SERVER, 0, "haproxy then reaches the server through a SOCKS4 proxy",
        "check-via-socks4");
    refuse(Where.SERVER, 1, "haproxy then reaches the server through a SOCKS4 proxy", "socks4");
    refuse(Where.SERVER, 1, "haproxy then checks another address than the server's", "addr");
    refuse(Where.SERVER, 0, "haproxy then asks an agent on the server for its weight and state",
        "agent-check");
    refuse(Where.SERVER, 1, "the server then follows another server's health instead of its own"
        + " checks", "track");
    refuse(Where.SERVER, 1, "haproxy then ramps the server's weight up after it comes UP; the"
        + " agent gives it its full weight at once", "slowstart");
    // observe none|layer4|layer7 are implemented (ServerLineParser).
    refuse(Where.SERVER, 1, "haproxy then queues at most that many requests for the server",
        "maxqueue");
    refuse(Where.SERVER, 1, "haproxy then varies the server's connection limit with the load",
        "minconn");
    refuse(Where.SERVER, 1, "haproxy then cuts the server's sessions, or its backups' when it"
        + " comes UP; the agent keeps them", "on-marked-down", "on-marked-up");
    refuse(Where.SERVER, 1, "haproxy then redirects clients to that prefix instead of relaying",
        "redir");
    refuse(Where.SERVER, 1, "haproxy then resolves the server's name at run time and follows its"
        + " address", "resolvers");
    refuse(Where.SERVER, 1, "haproxy then connects from another address or namespace", "source",
        "namespace");
    refuse(Where.SERVER, 1, "part of source, which is refused", "usesrc", "interface");
    refuse(Where.SERVER, 1, "the kernel then aborts a connection to the server whose data stays"
        + " unacknowledged that long", "tcp-ut");
    warn(Where.SERVER, 1, "only with resolvers, which is refused", "resolve-net", "resolve-opts",
        "resolve-prefer");
    warn(Where.SERVER, 1, "how the server's name is resolved at start-up; the agent resolves it"
        + " as libc does", "init-addr");
    warn(Where.SERVER, 1, "only with agent-check, which is refused", "agent-addr", "agent-inter",
        "agent-port", "agent-send");
    warn(Where.SERVER, 1, "only with cookie persistence, which is refused", "cookie");
    warn(Where.SERVER, 0, "only with stick tables, which are refused", "non-stick", "stick");
    warn(Where.SERVER, 1, "a number for logs and the stats page", "id");
    warn(Where.SERVER, 1, "for log servers in a ring, not for traffic", "log-proto");
    warn(Where.SERVER, 1, "only how idle connections to the server are pooled and reused",
        "pool-low-conn", "pool-max-conn", "pool-purge-delay", "max-reuse");
    warn(Where.SERVER, 1, "only which protocol a WebSocket upgrade uses", "ws");
    warn(Where.SERVER, 1, "only with send-proxy-v2, which is refused", "proxy-v2-options");
    warn(Where.SERVER, 0, "the default, what the agent does", "no-send-proxy", "no-send-proxy-v2", "no-send-proxy-v2-ssl", "no-send-proxy-v2-ssl-cn",
        "no-check-send-proxy", "no-agent-check", "no-tfo");
    warn(Where.SERVER, 0, TCP_TUNING, "tfo");
    refuse(Where.SERVER, 1, "haproxy then presents that client certificate to the server",
        "crt");
    refuse(Where.SERVER, 1, "haproxy then takes the SNI from a sample expression per connection;"
        + " the agent sends a fixed one, sni str(NAME)", "sni");
    refuse(Where.SERVER, 1, "haproxy then checks the server's certificate against that name"
        + " without sending it as SNI; the agent checks the name it sends (sni str(NAME))",
        "verifyhost");
    warn(Where.SERVER, 0, "the default, what the agent does", "no-verifyhost");
    warn(Where.SERVER, 0, "TLS session reuse: the same server answers", "ssl-reuse",
        "no-ssl-reuse", "tls-tickets");

    // ---- bind options (listener.c, ssl_sock.c, ... bind_kws)
    // ssl, crt, alpn, ssl-min-ver, ssl-max-ver: implemented (BindOptions), except these values
    refuse(Where.BIND, 1, "haproxy then reads certificates and per-certificate settings from that"
        + " list; the agent reads crt files and directories", "crt-list");
    refuse(Where.BIND, 0, "haproxy then expects the PROXY protocol (or NetScaler's header) from"
        + " clients; the agent relays their bytes as they come", "accept-proxy");
    refuse(Where.BIND, 1, "haproxy then expects NetScaler's client header", "accept-netscaler-cip");
    refuse(Where.BIND, 0, "haproxy then accepts connections for addresses not on the node",
        "transparent");
    refuse(Where.BIND, 1, "haproxy then listens only on that interface or in that namespace",
        "interface", "namespace");
    refuse(Where.BIND, 1, "haproxy then accepts at most that many connections on the address; the"
        + " agent limits the frontend as a whole", "maxconn");
    refuse(Where.BIND, 1, "haproxy then speaks another protocol (h2) to clients", "proto");
    refuse(Where.BIND, 1, "the kernel then aborts a client connection whose data stays"
        + " unacknowledged that long", "tcp-ut");
    warn(Where.BIND, 0, TCP_TUNING, "defer-accept", "tfo", "v4v6", "v6only", "quic-force-retry");
    warn(Where.BIND, 1, TCP_TUNING, "backlog", "mss");
    warn(Where.BIND, 1, PROCESS, "name", "id", "process", "thread", "shards", "nice");
    warn(Where.BIND, 1, UNIX, "level", "severity-output", "expose-fd", "user", "uid", "group",
        "gid", "mode");
    // TLS on a bind line (ssl_sock.c, cfgparse-ssl.c bind_kws)
    refuse(Where.BIND, 1, "haproxy then offers HTTP/2 (h2) by ALPN; the agent speaks HTTP/1.1"
        + " only", "alpn");
    refuse(Where.BIND, 1, "haproxy then negotiates SSLv3, TLSv1.0 or TLSv1.1; the JDK the agent"
        + " runs on disables them (jdk.tls.disabledAlgorithms), it negotiates TLSv1.2 and TLSv1.3",
        "ssl-min-ver", "ssl-max-ver");
    refuse(Where.BIND, 0, "haproxy then negotiates only that version; the agent implements"
        + " ssl-min-ver and ssl-max-ver TLSv1.2|TLSv1.3", "force-sslv3", "force-tlsv10",
        "force-tlsv11", "force-tlsv12", "force-tlsv13", "no-tlsv12", "no-tlsv13");
    warn(Where.BIND, 0, "the JDK never negotiates those old versions", "no-sslv3", "no-tlsv10",
        "no-tlsv11");
    refuseUnless(Where.BIND, "verify", "none", "haproxy then asks clients for a certificate and"
        + " checks it; the agent does not (verify none, haproxy's default)");
    warn(Where.BIND, 1, "only with verify optional|required, which is refused", "ca-file",
        "crl-file", "ca-ignore-err", "crt-ignore-err", "ca-verify-file");
    warn(Where.BIND, 0, "only with verify optional|required, which is refused", "no-ca-names");
    refuse(Where.BIND, 1, "haproxy then negotiates from that OpenSSL cipher or curve list; the"
        + " agent takes the JDK's defaults", "ciphers", "ciphersuites", "curves", "ecdhe");
    refuse(Where.BIND, 1, "haproxy then also offers protocols by NPN; the agent offers ALPN only",
        "npn");
    refuse(Where.BIND, 0, "haproxy then refuses a handshake whose SNI matches no certificate; the"
        + " agent presents the first one", "strict-sni");
    refuse(Where.BIND, 0, "haproxy then makes a certificate for each SNI, signed by ca-sign-file",
        "generate-certificates");
    warn(Where.BIND, 1, "only with generate-certificates, which is refused", "ca-sign-file",
        "ca-sign-pass");
    String resumption = "TLS session resumption, early data or cipher order: the same clients"
        + " connect, to the same servers";
    warn(Where.BIND, 1, resumption, "tls-ticket-keys");
    warn(Where.BIND, 0, resumption, "no-tls-tickets", "allow-0rtt", "prefer-client-ciphers");
    // TLS settings of a server line (ssl_sock.c registers them for bind and server)
    // TLS settings of a server line (ssl_sock.c, cfgparse-ssl.c srv_kws)
    refuseUnless(Where.SERVER, "alpn", "http/1.1", "haproxy then offers those protocols (h2"
        + " among them) to the server; the agent speaks HTTP/1.1 and offers none");
    refuseUnless(Where.SERVER, "check-alpn", "http/1.1", "haproxy then offers those protocols"
        + " to the server in checks; the agent speaks HTTP/1.1 and offers none");
    refuse(Where.SERVER, 1, "haproxy then offers protocols by NPN", "npn");
    refuse(Where.SERVER, 1, "haproxy then negotiates from that OpenSSL cipher list, or checks"
        + " revocations; the agent takes the JDK's defaults", "ciphers", "ciphersuites",
        "crl-file");
    refuse(Where.SERVER, 1, "haproxy then bounds the TLS version; the agent negotiates TLSv1.2"
        + " or TLSv1.3 as the JDK does", "ssl-min-ver", "ssl-max-ver");
    refuse(Where.SERVER, 0, "haproxy then negotiates only some TLS versions; the agent TLSv1.2"
        + " or TLSv1.3", "force-sslv3", "force-tlsv10", "force-tlsv11", "force-tlsv12",
        "force-tlsv13", "no-tlsv12", "no-tlsv13");
    warn(Where.SERVER, 0, "the JDK never negotiates those old versions", "no-sslv3", "no-tlsv10",
        "no-tlsv11");
    warn(Where.SERVER, 0, "TLS session reuse or early data: the same server answers",
        "allow-0rtt", "no-tls-tickets");
  }
}
