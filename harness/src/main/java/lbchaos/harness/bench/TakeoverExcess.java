package lbchaos.harness.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lbchaos.event.AdvertSeen;
import lbchaos.verdict.Bound;
import lbchaos.harness.history.History;
import lbchaos.harness.history.Wire;

/**
 * How much longer than the protocol requires a takeover after a master crash took, as the wire
 * observer saw it: from the crashed master's last advert to the new master's first, minus the
 * backup's Master_Down_Interval. The backup restarts its Master_Down_Timer at every advert it
 * receives (RFC 5798 section 6.4.2), so the protocol's own share of the gap is exactly that
 * interval; what is left over is ours: timer slack, scheduling, the time from the timer firing
 * to the first advert leaving (RFC 5798 section 6.4.2: "Send an ADVERTISEMENT" is the first
 * thing a backup does on becoming master). Both ends are wire timestamps from the same capture,
 * so neither the crash's own latency nor the harness's clocks enter.
 *
 * @param crashed the crashed master's address
 * @param successor the address whose first advert ended the gap
 * @param lastAdvertMicros the crashed master's last advert (priority above 0) before that
 * @param firstAdvertMicros the successor's first advert after the crash was issued
 * @param masterDown the backup's Master_Down_Interval, from the config
 */
public record TakeoverExcess(String crashed, String successor, long lastAdvertMicros,
    long firstAdvertMicros, Bound masterDown) {

  public TakeoverExcess {
    if (crashed.equals(successor)) {
      throw new IllegalArgumentException("the successor must differ from the crashed master: "
          + crashed);
    }
    if (firstAdvertMicros < lastAdvertMicros) {
      throw new IllegalArgumentException("the successor's first advert (" + firstAdvertMicros
          + ") precedes the crashed master's last (" + lastAdvertMicros + ")");
    }
  }

  /**
   * The takeover after {@code crashedIp} was crashed at {@code crashedAtMicros}: the first advert
   * with priority above 0 from another address at or after the crash, and the crashed master's
   * last advert before it. Empty when the wire shows no takeover, or no advert of the crashed
   * master before it (then there is nothing to measure from). Priority 0 is a resignation
   * (RFC 5798 section 6.4.3), not a master's advert, so it counts at neither end.
   */
  public static Optional<TakeoverExcess> of(History h, String crashedIp, long crashedAtMicros,
      Bound masterDown) {
    // The captures' adverts: our agents report AdvertSeen too, but only when the master or its
    // priority changes and on their own clock reading, not every advert.
    List<AdvertSeen> ads = Wire.adverts(h).stream().filter(a -> a.priority() > 0).toList();
    Optional<AdvertSeen> first = ads.stream()
        .filter(a -> a.at() >= crashedAtMicros && !a.from().equals(crashedIp)).findFirst();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    long firstAt = first.get().at();
    return ads.stream().filter(a -> a.from().equals(crashedIp) && a.at() <= firstAt)
        .reduce((a, b) -> b)
        .map(last -> new TakeoverExcess(crashedIp, first.get().from(), last.at(), firstAt,
            masterDown));
  }

  /** The silence on the wire between the two masters. */
  public Duration gap() {
    return Duration.ofNanos((firstAdvertMicros - lastAdvertMicros) * 1_000);
  }

  /** The gap minus the Master_Down_Interval; negative when the backup took over early. */
  public Duration excess() {
    return gap().minus(masterDown.value());
  }

  public double excessMillis() {
    return excess().toNanos() / 1e6;
  }
}
