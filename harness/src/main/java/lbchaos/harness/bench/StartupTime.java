package lbchaos.harness.bench;

import java.time.Duration;
import java.util.Optional;
import lbchaos.event.AdvertSeen;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.harness.history.History;
import lbchaos.harness.history.Wire;

/**
 * Start to first advert of the LB whose keepalived.conf says {@code state MASTER}. keepalived
 * (vrrp_scheduler.c, vrrp_init_state) starts such an instance as backup with a master down timer
 * of 1 us, so it sends its first advert as soon as its socket is open; the protocol asks for no
 * wait, and whatever time passes is the daemon's own. A {@code state BACKUP} node must wait its
 * Master_Down_Interval first (RFC 5798 section 6.4.1), which is not measured here.
 *
 * <p>Measured from the container's start (the engine's StartedAt: the supervisor that starts the
 * daemons) to the node's first VRRP advert on the wire and, as its own report, to its first state
 * change to MASTER. The observer starts alongside the LBs and can miss an advert sent before its
 * capture is open, so the wire figure is only taken when it is no later than the node's own
 * report plus {@link #REPORT_SLACK}.
 *
 * @param startedMicros the container's start
 * @param firstAdvertMicros the node's first advert with priority above 0 seen by the observer
 * @param masterMicros the node's first report of entering MASTER
 */
public record StartupTime(long startedMicros, Optional<Long> firstAdvertMicros,
    Optional<Long> masterMicros) {

  /** Both stacks report MASTER right after sending the advert; more than this is a missed one. */
  static final Duration REPORT_SLACK = Duration.ofMillis(100);

  public static StartupTime of(History h, String node, String ip, long startedMicros) {
    Optional<Long> advert = Wire.adverts(h).stream()
        .filter(a -> a.from().equals(ip)
            && a.priority() > 0 && a.at() >= startedMicros)
        .map(AdvertSeen::at).findFirst();
    Optional<Long> master = h.of(VrrpStateChange.class).stream()
        .filter(c -> c.source().equals(node) && c.to() == VrrpRole.MASTER
            && c.at() >= startedMicros)
        .map(VrrpStateChange::at).findFirst();
    return new StartupTime(startedMicros, advert, master);
  }

  /** Seconds to the first advert on the wire, when the observer saw the first one. */
  public Optional<Double> firstAdvertSeconds() {
    return firstAdvertMicros
        .filter(a -> masterMicros.isEmpty()
            || a <= masterMicros.get() + REPORT_SLACK.toNanos() / 1_000)
        .map(a -> (a - startedMicros) / 1e6);
  }

  /** Seconds to the node's own report of entering MASTER. */
  public Optional<Double> masterSeconds() {
    return masterMicros.map(m -> (m - startedMicros) / 1e6);
  }
}
