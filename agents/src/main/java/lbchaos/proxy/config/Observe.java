package lbchaos.proxy.config;

import java.util.Objects;

/**
 * Passive health from live traffic ("observe layer4|layer7", "on-error", "error-limit"), with
 * haproxy 2.6's defaults (include/haproxy/defaults.h DEF_HANA_ONERR fail-check,
 * DEF_HANA_ERRLIMIT 10).
 */
public record Observe(Layer layer, OnError onError, int errorLimit) {
  public static final int DEFAULT_ERROR_LIMIT = 10;
  public static final OnError DEFAULT_ON_ERROR = OnError.FAIL_CHECK;
  public static final Observe NONE = new Observe(Layer.NONE, DEFAULT_ON_ERROR, DEFAULT_ERROR_LIMIT);

  /** What traffic is watched: none, connects (layer4), or HTTP answers and connects (layer7). */
  public enum Layer { NONE, LAYER4, LAYER7 }

  public Observe {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(onError, "onError");
    if (errorLimit < 1) {
      throw new IllegalArgumentException("error-limit must be at least 1");
    }
  }

  public boolean enabled() {
    return layer != Layer.NONE;
  }
}
