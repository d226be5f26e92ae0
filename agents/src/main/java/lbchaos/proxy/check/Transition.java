package lbchaos.proxy.check;

import java.util.Objects;

/**
 * A server changed state: {@code up} is the new state, {@code cause} the check (or traffic
 * analysis) that made it so.
 */
public record Transition(int server, boolean up, CheckResult cause) {
  public Transition {
    Objects.requireNonNull(cause, "cause");
  }
}
