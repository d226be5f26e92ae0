package lbchaos.proxy.check;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished check: status, how long it took, the HTTP status code if any and a short info
 * text ("Connection refused").
 */
public record CheckResult(CheckStatus status, Duration duration, Optional<Integer> code,
    String info) {

  public CheckResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(info, "info");
  }

  public static CheckResult of(CheckStatus status, Duration duration, String info) {
    return new CheckResult(status, duration, Optional.empty(), info);
  }

  public boolean passed() {
    return status.passed();
  }

  /**
   * The reason as haproxy writes it between "reason: " and ", check duration":
   * {@code Layer7 wrong status, code: 503, info: "Service Unavailable"}.
   */
  public String reason() {
    StringBuilder sb = new StringBuilder(status.description());
    code.ifPresent(c -> sb.append(", code: ").append(c));
    if (!info.isEmpty()) {
      sb.append(", info: \"").append(info).append('"');
    }
    return sb.toString();
  }
}
