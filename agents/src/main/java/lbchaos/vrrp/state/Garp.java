package lbchaos.vrrp.state;

import java.time.Duration;
import java.util.Objects;

/**
 * When a master sends gratuitous ARPs, as keepalived 2.2.7 does (vrrp.c, vrrp_scheduler.c).
 * Every count is GARPs per VIP; keepalived sends a burst as {@code repeat} rounds over the VIPs
 * (vrrp_send_link_update), all at once unless vrrp_garp_interval paces them (not implemented).
 *
 * @param masterDelay garp_master_delay: a second burst of {@code masterRepeat} this long after
 *     becoming master; zero for none (keepalived: whole seconds, default 5)
 * @param masterRepeat garp_master_repeat: GARPs per VIP on becoming master (default 5)
 * @param refresh garp_master_refresh: while master, a burst of {@code refreshRepeat} at the first
 *     advert after this has passed since the last one (or since becoming master); zero for none
 *     (default). keepalived 2.3 differs: a timer of its own, first at masterDelay + refresh after
 *     becoming master, then every refresh, whatever the adverts
 * @param refreshRepeat garp_master_refresh_repeat (default 1)
 * @param lowerPrioDelay garp_lower_prio_delay: after a lower priority advert, a second burst of
 *     {@code lowerPrioRepeat} this long after the first; zero for none (default: the global
 *     vrrp_garp_master_delay)
 * @param lowerPrioRepeat garp_lower_prio_repeat: GARPs per VIP when the master hears a lower
 *     priority advert; zero for none (default: the global vrrp_garp_master_repeat)
 * @param higherPrioSendAdvert higher_prio_send_advert: a master that hears a higher priority
 *     advertises once more (at its own priority) before it yields (default false)
 */
public record Garp(Duration masterDelay, int masterRepeat, Duration refresh, int refreshRepeat,
    Duration lowerPrioDelay, int lowerPrioRepeat, boolean higherPrioSendAdvert) {

  /** keepalived 2.2.7's defaults (vrrp.h VRRP_GARP_*, global_data.c). */
  public static final Garp DEFAULT = new Garp(Timing.GARP_REPEAT_DELAY, Timing.GARP_COUNT,
      Duration.ZERO, 1, Timing.GARP_REPEAT_DELAY, Timing.GARP_COUNT, false);

  public Garp {
    Objects.requireNonNull(masterDelay, "masterDelay");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(lowerPrioDelay, "lowerPrioDelay");
    if (masterDelay.isNegative() || refresh.isNegative() || lowerPrioDelay.isNegative()) {
      throw new IllegalArgumentException("GARP delays must not be negative");
    }
    if (masterRepeat < 0 || refreshRepeat < 0 || lowerPrioRepeat < 0) {
      throw new IllegalArgumentException("GARP counts must not be negative");
    }
  }

  public Garp withMaster(Duration delay, int repeat) {
    return new Garp(delay, repeat, refresh, refreshRepeat, lowerPrioDelay, lowerPrioRepeat,
        higherPrioSendAdvert);
  }

  public Garp withRefresh(Duration every, int repeat) {
    return new Garp(masterDelay, masterRepeat, every, repeat, lowerPrioDelay, lowerPrioRepeat,
        higherPrioSendAdvert);
  }

  public Garp withLowerPrio(Duration delay, int repeat) {
    return new Garp(masterDelay, masterRepeat, refresh, refreshRepeat, delay, repeat,
        higherPrioSendAdvert);
  }

  public Garp withHigherPrioSendAdvert(boolean on) {
    return new Garp(masterDelay, masterRepeat, refresh, refreshRepeat, lowerPrioDelay,
        lowerPrioRepeat, on);
  }
}
