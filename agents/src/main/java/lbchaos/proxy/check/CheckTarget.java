package lbchaos.proxy.check;

import java.util.Objects;
import lbchaos.proxy.config.Observe;
import lbchaos.proxy.config.ServerCheck;

/** A server as the check scheduler sees it. Checked when check.enabled and not disabled. */
public record CheckTarget(String backend, String server, ServerCheck check, Observe observe,
    boolean disabled) {
  public CheckTarget {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(observe, "observe");
  }

  public boolean checked() {
    return check.enabled() && !disabled;
  }
}
