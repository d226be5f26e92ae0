package lbchaos.vrrp.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The machine's variable state between inputs.
 *
 * @param state the RFC state
 * @param priority current effective priority (configured, moved by track weights)
 * @param masterAdverInterval RFC 5798 Master_Adver_Interval, learned from the master's adverts
 * @param faulted a weight-0 track script is failing
 * @param preemptAt with preempt_delay: a backup does not preempt before this; null when unset
 */
public record Snapshot(State state, int priority, Duration masterAdverInterval, boolean faulted,
    Instant preemptAt) {

  public Snapshot {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(masterAdverInterval, "masterAdverInterval");
  }

  Snapshot with(State s) {
    return new Snapshot(s, priority, masterAdverInterval, faulted, preemptAt);
  }

  Snapshot withPriority(int p) {
    return new Snapshot(state, p, masterAdverInterval, faulted, preemptAt);
  }

  Snapshot withMasterAdverInterval(Duration d) {
    return new Snapshot(state, priority, d, faulted, preemptAt);
  }

  Snapshot withFaulted(boolean f) {
    return new Snapshot(state, priority, masterAdverInterval, f, preemptAt);
  }

  Snapshot withPreemptAt(Instant at) {
    return new Snapshot(state, priority, masterAdverInterval, faulted, at);
  }
}
