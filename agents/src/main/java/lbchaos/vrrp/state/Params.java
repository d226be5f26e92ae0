package lbchaos.vrrp.state;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The fixed parameters of one instance, as the machine needs them.
 *
 * @param version 2 or 3 (changes the skew formula)
 * @param priority configured priority 1..255; 255 is the address owner (RFC 5798 section 6.1)
 * @param advertInterval our Advertisement_Interval
 * @param preempt RFC 5798 Preempt_Mode (keepalived: true unless {@code nopreempt})
 * @param preemptDelay keepalived's preempt_delay: time after start-up, or after first seeing a
 *     lower priority master, before a backup preempts; zero for none
 * @param primaryAddress our primary address (IPv4, or the IPv6 link-local), compared on equal priority (section 6.4.3)
 * @param garp when the master sends gratuitous ARPs (keepalived's garp_* keywords)
 */
public record Params(int version, int priority, Duration advertInterval, boolean preempt,
    Duration preemptDelay, InetAddress primaryAddress, Garp garp) {

  /** With keepalived's default GARP timing. */
  public Params(int version, int priority, Duration advertInterval, boolean preempt,
      Duration preemptDelay, InetAddress primaryAddress) {
    this(version, priority, advertInterval, preempt, preemptDelay, primaryAddress, Garp.DEFAULT);
  }

  public Params {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("version 2 or 3, was " + version);
    }
    if (priority < 1 || priority > 255) {
      throw new IllegalArgumentException("priority 1..255, was " + priority);
    }
    if (advertInterval.isNegative() || advertInterval.isZero()) {
      throw new IllegalArgumentException("advert interval must be positive: " + advertInterval);
    }
    if (preemptDelay.isNegative()) {
      throw new IllegalArgumentException("preempt delay must not be negative: " + preemptDelay);
    }
    Objects.requireNonNull(primaryAddress, "primaryAddress");
    Objects.requireNonNull(garp, "garp");
  }
}
