package lbchaos.harness.bench;

import java.util.Optional;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.Takeover;
import lbchaos.harness.history.History;

/**
 * Where a java backup's takeover excess went (issue 22 item 3), from its own MASTER report: how
 * late its master down timer ran against its due time, how long from that run to its first
 * advert's send, and the rest of the wire's excess: the crashed master's last advert from the
 * wire to its receipt (the timer counts from the kernel's receive time of the advert when the
 * socket gives it, else from the reader's), and the first advert from the agent's send to the
 * wire. keepalived reports no such timings: none for the reference.
 *
 * @param timerLateMillis the timer's run minus its due time
 * @param toAdvertMillis the first advert's send minus the timer's run
 * @param restMillis the wire's excess minus both
 */
public record TakeoverSplit(double timerLateMillis, double toAdvertMillis, double restMillis) {

  /**
   * {@code successor}'s first MASTER report at or after {@code sinceMicros} that carries a
   * takeover's timings, set against {@code excess}; empty when there is none (a reference daemon,
   * a takeover by another route, the report not read yet).
   */
  public static Optional<TakeoverSplit> of(History h, String successor, long sinceMicros,
      TakeoverExcess excess) {
    return h.of(VrrpStateChange.class).stream()
        .filter(c -> c.source().equals(successor) && c.at() >= sinceMicros
            && c.to() == VrrpStateChange.VrrpRole.MASTER && c.takeover() != null)
        .findFirst().map(c -> of(c.takeover(), excess.excessMillis()));
  }

  static TakeoverSplit of(Takeover t, double excessMillis) {
    double late = t.timerLateMicros() / 1e3;
    double toAdvert = t.toAdvertMicros() / 1e3;
    return new TakeoverSplit(late, toAdvert, excessMillis - late - toAdvert);
  }
}
