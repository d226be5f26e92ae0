package lbchaos.proxy.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where clients connect: a "frontend" section, or the front half of a "listen" section.
 *
 * @param maxconn 0 means the global maxconn limits alone
 * @param useBackends unconditional "use_backend" rules (all of them, with the conditional
 *     ones, in order in {@code rules})
 * @param serverClose "option http-server-close": server connections of its requests close after
 *     each response, whatever the backend's http-reuse
 * @param maxSessionSrvConns "max-session-srv-conns": how many idle server connections a client
 *     connection may keep for itself with http-reuse never; one more finishing is closed
 * @param stats present when "stats enable" or "stats uri" is configured on this proxy
 * @param rules its acl, http-request, redirect and use_backend rules (mode http)
 * @param quietEmpty "option dontlognull" or "option http-ignore-probes": a connection that sent
 *     nothing gets no 408 when it times out, it is just closed (mux_h1.c h1_handle_req_tout)
 * @param ignoreProbes "option http-ignore-probes" alone: nor does one that sent nothing but its
 *     FIN get a 400 (haproxy 3.0 answers it with dontlognull)
 * @param bufferRequest "option http-buffer-request": a request with a body is processed (its
 *     rules, its backend) once the body is all in or fills haproxy's buffer
 * @param accessLog its traffic's log format and targets, when it has both
 * @param errorFiles its "errorfile" lines (with those of its defaults) by status
 */
public record Frontend(String name, Mode mode, List<Bind> binds, Optional<String> defaultBackend,
    List<String> useBackends, Timeouts timeouts, int maxconn, Optional<ForwardFor> forwardFor,
    boolean serverClose, int maxSessionSrvConns, Optional<StatsPage> stats, boolean quietEmpty,
    boolean ignoreProbes, boolean bufferRequest, int line,
    Optional<lbchaos.proxy.log.AccessLogConfig> accessLog,
    lbchaos.proxy.acl.HttpRules rules, Map<Integer, ErrorFile> errorFiles) {

  /** haproxy 2.6's default max-session-srv-conns (MAX_SRV_LIST in its session-t.h). */
  public static final int DEFAULT_MAX_SESSION_SRV_CONNS = 5;

  public Frontend {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    binds = List.copyOf(binds);
    useBackends = List.copyOf(useBackends);
    Objects.requireNonNull(defaultBackend, "defaultBackend");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(rules, "rules");
    errorFiles = Map.copyOf(errorFiles);
    if (binds.isEmpty()) {
      throw new IllegalArgumentException("frontend '" + name + "' has no bind");
    }
    if (maxconn < 0) {
      throw new IllegalArgumentException("maxconn must not be negative");
    }
  }

  /** The backend traffic goes to: the first unconditional use_backend, else default_backend. */
  public Optional<String> targetBackend() {
    return useBackends.isEmpty() ? defaultBackend : Optional.of(useBackends.getFirst());
  }
}
