package lbchaos.proxy.config;

import java.util.Objects;

/**
 * Passive health from live traffic ("observe layer4", "on-error", "error-limit"). haproxy's
 * default error-limit is 10.
 */
public record Observe(boolean layer4, OnError onError, int errorLimit) {
  public static final int DEFAULT_ERROR_LIMIT = 10;
  public static final Observe NONE = new Observe(false, OnError.FASTINTER, DEFAULT_ERROR_LIMIT);

  public Observe {
    Objects.requireNonNull(onError, "onError");
    if (errorLimit < 1) {
      throw new IllegalArgumentException("error-limit must be at least 1");
    }
  }
}
