package lbchaos.proxy.config;

import java.util.Objects;

/**
 * "stats enable" / "stats uri" in a proxy: an HTML page at the URI (haproxy's layout), haproxy's
 * CSV at uri;csv, and Prometheus text at /metrics.
 */
public record StatsPage(String uri) {
  public static final String DEFAULT_URI = "/haproxy?stats";

  public StatsPage {
    Objects.requireNonNull(uri, "uri");
    if (!uri.startsWith("/")) {
      throw new IllegalArgumentException("stats uri must start with '/'");
    }
  }
}
