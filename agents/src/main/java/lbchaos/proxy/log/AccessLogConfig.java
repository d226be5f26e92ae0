package lbchaos.proxy.log;

import java.util.List;
import java.util.Objects;

/**
 * How a frontend logs its traffic: a format ("option httplog", "option tcplog" or "log-format")
 * and the targets of its "log" lines ("log global": the global section's). haproxy logs a
 * request only when its frontend has both.
 */
public record AccessLogConfig(LogFormat format, List<LogTarget> targets) {

  public AccessLogConfig {
    Objects.requireNonNull(format, "format");
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("access logging needs a target");
    }
  }
}
