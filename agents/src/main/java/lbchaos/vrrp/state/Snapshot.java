package lbchaos.vrrp.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The machine's variable state between inputs.
 *
 * @param state the RFC state
 * @param priority current effective priority (configured, moved by track weights)
 * @param masterAdverInterval RFC 5798 Master_Adver_Interval, learned from the master's adverts
 * @param faulted a weight-0 track script is failing
 * @param preemptAt with preempt_delay: a backup does not preempt before this; null when unset
 * @param garpRefreshAt as master with garp_master_refresh: the first advert after this sends a
 *     refresh burst; null when none
 * @param lowerPrioGarps as master: when the second bursts after lower priority adverts are due
 *     (garp_lower_prio_delay), earliest first; keepalived queues one per advert heard
 */
public record Snapshot(State state, int priority, Duration masterAdverInterval, boolean faulted,
    Instant preemptAt, Instant garpRefreshAt, List<Instant> lowerPrioGarps) {

  public Snapshot {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(masterAdverInterval, "masterAdverInterval");
    lowerPrioGarps = List.copyOf(lowerPrioGarps);
  }

  /** Without GARP schedules (not master). */
  public Snapshot(State state, int priority, Duration masterAdverInterval, boolean faulted,
      Instant preemptAt) {
    this(state, priority, masterAdverInterval, faulted, preemptAt, null, List.of());
  }

  Snapshot with(State s) {
    return new Snapshot(s, priority, masterAdverInterval, faulted, preemptAt, garpRefreshAt,
        lowerPrioGarps);
  }

  Snapshot withPriority(int p) {
    return new Snapshot(state, p, masterAdverInterval, faulted, preemptAt, garpRefreshAt,
        lowerPrioGarps);
  }

  Snapshot withMasterAdverInterval(Duration d) {
    return new Snapshot(state, priority, d, faulted, preemptAt, garpRefreshAt, lowerPrioGarps);
  }

  Snapshot withFaulted(boolean f) {
    return new Snapshot(state, priority, masterAdverInterval, f, preemptAt, garpRefreshAt,
        lowerPrioGarps);
  }

  Snapshot withPreemptAt(Instant at) {
    return new Snapshot(state, priority, masterAdverInterval, faulted, at, garpRefreshAt,
        lowerPrioGarps);
  }

  Snapshot withGarpRefreshAt(Instant at) {
    return new Snapshot(state, priority, masterAdverInterval, faulted, preemptAt, at,
        lowerPrioGarps);
  }

  Snapshot withLowerPrioGarps(List<Instant> due) {
    return new Snapshot(state, priority, masterAdverInterval, faulted, preemptAt, garpRefreshAt,
        due.stream().sorted().toList());
  }

  /** Leaving MASTER: no refresh, no pending lower priority bursts. */
  Snapshot withoutGarps() {
    return new Snapshot(state, priority, masterAdverInterval, faulted, preemptAt, null,
        List.of());
  }
}
