package lbchaos.vrrp.state;

import java.time.Instant;

/** What the machine asks its scheduler to do; executed in list order. */
public sealed interface Action {

  /** Send one advert with this priority (0 when giving up mastership). */
  record SendAdvert(int priority) implements Action {}

  /** Add the virtual addresses to the interface. */
  record AddVips() implements Action {}

  /** Remove the virtual addresses from the interface. */
  record RemoveVips() implements Action {}

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

  /** The state changed; run notify scripts and report it. */
  record Notify(State from, State to, String reason) implements Action {}
}
