package lbchaos.proxy.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where traffic goes: a "backend" section, or the back half of a "listen" section.
 *
 * @param retries extra connection attempts after a failed connect (haproxy default 3)
 * @param redispatch "option redispatch": a retry may go to another server
 * @param redispatchInterval "option redispatch N": positive, every Nth retry; negative, the
 *     Nth retry before the last one and every so many after (haproxy's default -1, the last)
 * @param allBackups "option allbackups": balance over all backups, not only the first
 * @param rules its acl, http-request and redirect rules, run after the frontend's when a
 *     request is routed here (none for a listen section's back half: they run as its front's)
 * @param httpReuse which requests may take an idle server connection (mode http); CLOSE with
 *     "option http-server-close"
 * @param bufferRequest "option http-buffer-request": a request routed here whose frontend does not
 *     buffer has its body read before this backend's rules run and a server is connected
 */
public record Backend(String name, Mode mode, Balance balance, List<Server> servers,
    Timeouts timeouts, int retries, boolean redispatch, int redispatchInterval,
    boolean allBackups,
    HealthCheck healthCheck, Optional<ForwardFor> forwardFor, HttpReuse httpReuse,
    boolean bufferRequest, int line,
    lbchaos.proxy.acl.HttpRules rules, Map<Integer, ErrorFile> errorFiles) {

  public static final int DEFAULT_RETRIES = 3;

  public Backend {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(balance, "balance");
    servers = List.copyOf(servers);
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(healthCheck, "healthCheck");
    Objects.requireNonNull(httpReuse, "httpReuse");
    Objects.requireNonNull(rules, "rules");
    errorFiles = Map.copyOf(errorFiles);
    if (redispatch && redispatchInterval == 0) {
      redispatch = false; // "option redispatch 0" disables it
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative");
    }
    long distinct = servers.stream().map(Server::name).distinct().count();
    if (distinct != servers.size()) {
      throw new IllegalArgumentException("backend '" + name + "' has duplicate server names");
    }
  }

  public Optional<Server> server(String serverName) {
    return servers.stream().filter(s -> s.name().equals(serverName)).findFirst();
  }

  /** The timing figures of the health checks of one server of this backend. */
  public CheckTiming checkTiming(Server server) {
    return CheckTiming.of(server.check(), timeouts);
  }
}
