package lbchaos.harness.check;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;
import lbchaos.event.AdvertSeen;
import lbchaos.event.FaultEvent;
import lbchaos.event.VipChange;
import lbchaos.harness.history.History;

/**
 * A point in a history named by what happened there ("the second inject of kill", "the first
 * time loadbalancer-2 took the VIP after that"), not by its time. A check keeps its moments, so
 * judging a saved history again looks for them again: an edited history moves them, a history
 * without them gives no time. Pure: no I/O.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "moment")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Moment.Clock.class, name = "clock"),
    @JsonSubTypes.Type(value = Moment.Fault.class, name = "fault"),
    @JsonSubTypes.Type(value = Moment.Vip.class, name = "vip"),
    @JsonSubTypes.Type(value = Moment.VipAddress.class, name = "vip-address"),
    @JsonSubTypes.Type(value = Moment.Advert.class, name = "advert"),
    @JsonSubTypes.Type(value = Moment.FirstEvent.class, name = "first-event"),
})
public sealed interface Moment {

  /** When it happened in {@code h} (microseconds), or empty when {@code h} does not show it. */
  Optional<Long> in(History h);

  /** What it is, for a sentence: "the kill of loadbalancer-1". */
  String describe();

  /** The first time {@code node} took ({@code added}) or gave up the VIP at or after this. */
  default Moment vip(String node, boolean added) {
    return new Vip(node, added, this);
  }

  /** The first time {@code node} took or gave up {@code address} at or after this. */
  default Moment vip(String node, String address, boolean added) {
    return new VipAddress(node, address, added, this);
  }

  /** The first advert from {@code ip} with a priority in [min, max] at or after this. */
  default Moment advert(String ip, int minPriority, int maxPriority) {
    return new Advert(ip, minPriority, maxPriority, this);
  }

  /** The first event {@code node} reported at or after this (a restarted daemon's first line). */
  default Moment firstEventOf(String node) {
    return new FirstEvent(node, this);
  }

  /**
   * The harness's own clock when it did something the history has no event for at that instant
   * (a heal issued: the HEAL event carries the time it was done). The time is the evidence.
   */
  record Clock(long micros, String what) implements Moment {
    @Override
    public Optional<Long> in(History h) {
      return Optional.of(micros);
    }

    @Override
    public String describe() {
      return what;
    }
  }

  /** The {@code nth} (1-based) inject or heal of the fault named {@code fault}. */
  record Fault(String fault, FaultEvent.Phase phase, int nth) implements Moment {
    @Override
    public Optional<Long> in(History h) {
      return h.faults().stream().filter(f -> f.fault().equals(fault) && f.phase() == phase)
          .skip(nth - 1L).map(FaultEvent::at).findFirst();
    }

    @Override
    public String describe() {
      return (phase == FaultEvent.Phase.INJECT ? "inject" : "heal") + " #" + nth + " of "
          + fault;
    }

    /** The latest inject or heal of {@code fault} that {@code h} shows, as a moment. */
    public static Fault last(History h, String fault, FaultEvent.Phase phase) {
      long n = h.faults().stream().filter(f -> f.fault().equals(fault) && f.phase() == phase)
          .count();
      if (n == 0) {
        throw new IllegalStateException("no " + phase + " of " + fault);
      }
      return new Fault(fault, phase, (int) n);
    }
  }

  record Vip(String node, boolean added, Moment after) implements Moment {
    @Override
    public Optional<Long> in(History h) {
      return after.in(h).flatMap(t -> h.of(VipChange.class).stream()
          .filter(v -> v.added() == added && v.source().equals(node) && v.at() >= t)
          .map(VipChange::at).findFirst());
    }

    @Override
    public String describe() {
      return node + (added ? " taking" : " giving up") + " the VIP after " + after.describe();
    }
  }

  /** As {@link Vip}, for one address (a node with two instances holds two VIPs). */
  record VipAddress(String node, String address, boolean added, Moment after) implements Moment {
    @Override
    public Optional<Long> in(History h) {
      return after.in(h).flatMap(t -> h.of(VipChange.class).stream()
          .filter(v -> v.added() == added && v.source().equals(node)
              && v.vip().equals(address) && v.at() >= t)
          .map(VipChange::at).findFirst());
    }

    @Override
    public String describe() {
      return node + (added ? " taking " : " giving up ") + address + " after " + after.describe();
    }
  }

  record Advert(String ip, int minPriority, int maxPriority, Moment after) implements Moment {
    @Override
    public Optional<Long> in(History h) {
      return after.in(h).flatMap(t -> h.of(AdvertSeen.class).stream()
          .filter(a -> a.from().equals(ip) && a.priority() >= minPriority
              && a.priority() <= maxPriority && a.at() >= t)
          .map(AdvertSeen::at).findFirst());
    }

    @Override
    public String describe() {
      return "an advert from " + ip + " at priority " + (minPriority == maxPriority
          ? String.valueOf(minPriority) : minPriority + ".." + maxPriority) + " after "
          + after.describe();
    }
  }

  record FirstEvent(String node, Moment after) implements Moment {
    @Override
    public Optional<Long> in(History h) {
      return after.in(h).flatMap(t -> h.events().stream()
          .filter(e -> e.source().equals(node) && e.at() >= t).map(e -> e.at()).findFirst());
    }

    @Override
    public String describe() {
      return node + "'s first event after " + after.describe();
    }
  }
}
