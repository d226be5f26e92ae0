package lbchaos.vrrp.state;

import java.time.Instant;

/** What the machine asks its scheduler to do; executed in list order. */
public sealed interface Action {

  /** Send one advert with this priority (0 when giving up mastership). */
  record SendAdvert(int priority) implements Action {}

  /** Add the virtual addresses of the config that are not up yet (at start-up: all of them). */
  record AddVips() implements Action {}

  /** Remove every virtual address that is up from the interface. */
  record RemoveVips() implements Action {}

  /**
   * After a reload: remove the addresses that are up but that the new config no longer has
   * (keepalived's clear_diff_vrrp_vip); the others stay up.
   */
  record RemoveDroppedVips() implements Action {}

  /** Send a burst of gratuitous ARPs: {@code repeat} rounds over the virtual addresses. */
  record SendGarp(int repeat) implements Action {
    public SendGarp {
      if (repeat < 1) {
        throw new IllegalArgumentException("a burst has at least one GARP per VIP: " + repeat);
      }
    }
  }

  /** Arm {@code timer} to fire at {@code at}, replacing any pending deadline of that kind. */
  record ArmTimer(Timer timer, Instant at) implements Action {}

  record CancelTimer(Timer timer) implements Action {}

  /**
   * As master, an advert of a lower priority (or an equal one from a lower address) was heard
   * and answered: keepalived writes MASTER_RX_LOWER_PRI to its notify FIFO
   * (vrrp.c vrrp_state_master_rx, send_event_notify).
   */
  record LowerPriorityHeard() implements Action {}

  /** The state changed; run notify scripts and report it. */
  record Notify(State from, State to, String reason) implements Action {}
}
