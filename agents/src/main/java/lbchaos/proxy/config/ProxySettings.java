package lbchaos.proxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Mutable state of one defaults/frontend/backend/listen section while it is parsed. */
final class ProxySettings {

  enum Kind {
    DEFAULTS, FRONTEND, BACKEND, LISTEN;

    boolean front() {
      return this != BACKEND;
    }

    boolean back() {
      return this != FRONTEND;
    }
  }

  final Kind kind;
  final String name;
  final int line;
  /** Line being parsed, for references checked after the whole file is read. */
  int currentLine;
  Mode mode = Mode.TCP;
  Balance balance = Balance.ROUNDROBIN;
  Timeouts timeouts = Timeouts.NONE;
  int retries = Backend.DEFAULT_RETRIES;
  boolean redispatch;
  int redispatchInterval = -1;
  boolean allBackups;
  Optional<ForwardFor> forwardFor = Optional.empty();
  HttpReuse httpReuse = HttpReuse.SAFE;
  /** "option http-server-close": the server connection closes after each response. */
  boolean serverClose;
  int maxSessionSrvConns = Frontend.DEFAULT_MAX_SESSION_SRV_CONNS;
  boolean dontLogNull;
  boolean ignoreProbes;
  /** "option http-buffer-request": a request's body is read before it is processed further. */
  boolean bufferRequest;
  int maxconn;
  /** "log TARGET ..." lines of this proxy (or its defaults); "no log" clears them. */
  List<lbchaos.proxy.log.LogTarget> logs = new ArrayList<>();
  /** "log global": the global section's targets too. */
  boolean logGlobal;
  /** "option httplog"/"option tcplog"/"log-format": the format's text and its line. */
  Optional<String> logFormat = Optional.empty();
  int logFormatLine;
  ServerOptions defaultServer = new ServerOptions();
  // health checks: "option httpchk" words, "http-check expect" rules, tcp-check rules
  Optional<List<String>> httpchk = Optional.empty();
  List<HttpExpect> httpExpects = new ArrayList<>();
  /** The expect rules came from defaults: the proxy's own first rule replaces them. */
  boolean httpExpectsInherited;
  boolean tcpCheck;
  List<HealthCheck.TcpStep> tcpSteps = new ArrayList<>();
  /**
   * Its "errorfile", "errorloc" and "errorfiles" lines in order, a later one for a status
   * replacing one before; read into {@link #errorFiles} once the whole file is, as an
   * http-errors section may come after its use.
   */
  List<ErrorLine> errorLines = new ArrayList<>();
  /** What {@link #errorLines} come to, by status. */
  java.util.Map<Integer, ErrorFile> errorFiles = java.util.Map.of();
  // not inherited from defaults
  final List<Bind> binds = new ArrayList<>();
  final List<Server> servers = new ArrayList<>();
  final List<String> useBackends = new ArrayList<>();
  final List<Integer> useBackendLines = new ArrayList<>();
  /** acl, http-request, redirect and use_backend lines of this section (not inherited). */
  final lbchaos.proxy.acl.RulesBuilder rules;
  /** The section's stick-table line, if any. */
  Optional<StickTable> stickTable = Optional.empty();
  /** Its stick-table line was refused (the java stack will not run): its name still exists. */
  boolean refusedTable;
  /** The stick tables its rules name, with the line of each (checked once all are read). */
  /** The ACLs' pattern files ({@code -f}), each at its line. */
  final List<PatternFile> patternFiles = new ArrayList<>();
  final List<java.util.Map.Entry<Integer, lbchaos.proxy.acl.RulesBuilder.TableRef>> tableRefs =
      new ArrayList<>();
  /** The line of the section's first acl, http-request, redirect or use_backend (0: none). */
  int firstRuleLine;
  Optional<String> defaultBackend = Optional.empty();
  int defaultBackendLine;
  boolean statsEnabled;
  Optional<String> statsUri = Optional.empty();

  ProxySettings(Kind kind, String name, int line, ProxySettings defaults,
      lbchaos.proxy.acl.PatternFiles patternFiles) {
    this.kind = kind;
    this.name = name;
    this.line = line;
    this.rules = new lbchaos.proxy.acl.RulesBuilder(name, patternFiles);
    if (defaults != null) {
      mode = defaults.mode;
      balance = defaults.balance;
      timeouts = defaults.timeouts;
      retries = defaults.retries;
      redispatch = defaults.redispatch;
      redispatchInterval = defaults.redispatchInterval;
      allBackups = defaults.allBackups;
      forwardFor = defaults.forwardFor;
      httpReuse = defaults.httpReuse;
      serverClose = defaults.serverClose;
      maxSessionSrvConns = defaults.maxSessionSrvConns;
      dontLogNull = defaults.dontLogNull;
      ignoreProbes = defaults.ignoreProbes;
      bufferRequest = defaults.bufferRequest;
      maxconn = defaults.maxconn;
      logs = new ArrayList<>(defaults.logs);
      logGlobal = defaults.logGlobal;
      logFormat = defaults.logFormat;
      logFormatLine = defaults.logFormatLine;
      defaultServer = defaults.defaultServer.copy();
      httpchk = defaults.httpchk;
      httpExpects = new ArrayList<>(defaults.httpExpects);
      httpExpectsInherited = !httpExpects.isEmpty();
      tcpCheck = defaults.tcpCheck;
      tcpSteps = new ArrayList<>(defaults.tcpSteps);
      errorLines = new ArrayList<>(defaults.errorLines);
      defaultBackend = defaults.defaultBackend;
      defaultBackendLine = defaults.defaultBackendLine;
    }
  }

  HealthCheck healthCheck() {
    if (httpchk.isPresent()) {
      List<String> w = httpchk.get();
      // option httpchk <uri> | <method> <uri> | <method> <uri> <version>; default OPTIONS / HTTP/1.0
      String method = w.size() >= 2 ? w.get(0) : "OPTIONS";
      String uri = w.size() == 1 ? w.get(0) : w.size() >= 2 ? w.get(1) : "/";
      String version = w.size() >= 3 ? w.get(2) : "HTTP/1.0";
      return new HealthCheck.HttpCheck(method, uri, version, httpExpects);
    }
    if (tcpCheck && !tcpSteps.isEmpty()) {
      return new HealthCheck.TcpCheck(tcpSteps);
    }
    return new HealthCheck.TcpConnect();
  }

  Frontend toFrontend() {
    return toFrontend(Optional.empty());
  }

  Frontend toFrontend(Optional<lbchaos.proxy.log.AccessLogConfig> accessLog) {
    Optional<StatsPage> stats = statsEnabled || statsUri.isPresent()
        ? Optional.of(new StatsPage(statsUri.orElse(StatsPage.DEFAULT_URI)))
        : Optional.empty();
    return new Frontend(name, mode, binds, defaultBackend, useBackends, timeouts, maxconn,
        forwardFor, serverClose, maxSessionSrvConns, stats, dontLogNull || ignoreProbes,
        ignoreProbes, bufferRequest, line, accessLog,
        rules.build(), errorFiles);
  }

  Backend toBackend() {
    return new Backend(name, mode, balance, servers, timeouts, retries, redispatch, redispatchInterval,
        allBackups,
        healthCheck(), forwardFor, serverClose ? HttpReuse.CLOSE : httpReuse, bufferRequest, line,
        // a listen section's rules run once, as its frontend's
        kind == Kind.LISTEN ? lbchaos.proxy.acl.HttpRules.NONE : rules.build(), errorFiles);
  }
}
