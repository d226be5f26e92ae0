package lbchaos.vrrp.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import lbchaos.vrrp.state.Action.AddVips;
import lbchaos.vrrp.state.Action.ArmTimer;
import lbchaos.vrrp.state.Action.CancelTimer;
import lbchaos.vrrp.state.Action.Notify;
import lbchaos.vrrp.state.Action.RemoveVips;
import lbchaos.vrrp.state.Action.SendAdvert;
import lbchaos.vrrp.state.Action.SendGarp;
import lbchaos.vrrp.state.Input.AdvertReceived;

/**
 * The VRRP state machine of RFC 5798 section 6.4 (with keepalived's FAULT state and
 * preempt_delay): {@code (snapshot, input, now) -> (snapshot, actions)}. Pure: no clock, no I/O.
 * Inputs that do not apply to the current state are ignored (a stale timer, an advert in FAULT).
 */
public final class VrrpMachine {

  /** RFC 5798 section 5.2.4: the address owner's priority. */
  public static final int OWNER_PRIORITY = 255;
  /** RFC 5798 section 5.2.4: a master that stops sends priority 0. */
  public static final int STOP_PRIORITY = 0;

  private final Params p;

  public VrrpMachine(Params params) {
    this.p = params;
  }

  public Params params() {
    return p;
  }

  public Snapshot initial() {
    return new Snapshot(State.INITIALIZE, p.priority(), p.advertInterval(), false, null);
  }

  public Step step(Snapshot s, Input in, Instant now) {
    // Tracking inputs update the snapshot in every state; only some states act on them.
    if (in instanceof Input.PriorityChanged pc) {
      return new Step(s.withPriority(pc.priority()), List.of());
    }
    return switch (s.state()) {
      case INITIALIZE -> initialize(s, in, now);
      case BACKUP -> backup(s, in, now);
      case MASTER -> master(s, in, now);
      case FAULT -> fault(s, in, now);
    };
  }

  /** The master down interval this snapshot would arm now. */
  public Duration masterDownInterval(Snapshot s) {
    return Timing.masterDown(p.version(), s.priority(), s.masterAdverInterval());
  }

  private Step initialize(Snapshot s, Input in, Instant now) {
    return switch (in) {
      case Input.Startup st -> {
        Snapshot started = p.preemptDelay().isZero() ? s
            : s.withPreemptAt(now.plus(p.preemptDelay()));
        yield leaveQuietState(started, now, "startup");
      }
      case Input.TrackFault f -> new Step(s.withFaulted(true), List.of());
      case Input.TrackOk ok -> new Step(s.withFaulted(false), List.of());
      default -> new Step(s, List.of());
    };
  }

  /** Section 6.4.1: from Initialize (or FAULT), the owner goes Master, others go Backup. */
  private Step leaveQuietState(Snapshot s, Instant now, String reason) {
    if (s.faulted()) {
      return new Step(s.with(State.FAULT),
          List.of(new Notify(s.state(), State.FAULT, reason + ", track script failing")));
    }
    if (s.priority() == OWNER_PRIORITY) {
      return becomeMaster(s, now, reason + ", address owner");
    }
    Snapshot b = s.withMasterAdverInterval(p.advertInterval()).with(State.BACKUP);
    return new Step(b, List.of(
        new ArmTimer(Timer.MASTER_DOWN, now.plus(masterDownInterval(b))),
        new Notify(s.state(), State.BACKUP, reason)));
  }

  private Step becomeMaster(Snapshot s, Instant now, String reason) {
    Snapshot m = s.with(State.MASTER);
    return new Step(m, List.of(
        new CancelTimer(Timer.MASTER_DOWN),
        new AddVips(),
        new SendAdvert(s.priority()),
        new SendGarp(),
        new ArmTimer(Timer.ADVERT, now.plus(p.advertInterval())),
        new ArmTimer(Timer.GARP_REPEAT, now.plus(Timing.GARP_REPEAT_DELAY)),
        new Notify(s.state(), State.MASTER, reason)));
  }

  private Step backup(Snapshot s, Input in, Instant now) {
    return switch (in) {
      case Input.Shutdown sd -> new Step(s.with(State.INITIALIZE), List.of(
          new CancelTimer(Timer.MASTER_DOWN),
          new Notify(State.BACKUP, State.INITIALIZE, "shutdown")));
      case Input.MasterDownTimerFired f -> becomeMaster(s, now, "master down timer");
      case AdvertReceived a -> backupAdvert(s, a, now);
      case Input.TrackFault f -> new Step(s.withFaulted(true).with(State.FAULT), List.of(
          new CancelTimer(Timer.MASTER_DOWN),
          new Notify(State.BACKUP, State.FAULT, f.why())));
      case Input.TrackOk ok -> new Step(s.withFaulted(false), List.of());
      default -> new Step(s, List.of());
    };
  }

  /** Section 6.4.2, "If an ADVERTISEMENT is received". */
  private Step backupAdvert(Snapshot s, AdvertReceived a, Instant now) {
    if (a.priority() == STOP_PRIORITY) {
      // The master stopped: take over after Skew_Time only.
      Duration skew = Timing.skew(p.version(), s.priority(), s.masterAdverInterval());
      return new Step(s, List.of(new ArmTimer(Timer.MASTER_DOWN, now.plus(skew))));
    }
    boolean lower = a.priority() < s.priority();
    Snapshot t = s;
    if (lower && p.preempt() && !p.preemptDelay().isZero()) {
      // keepalived's preempt_delay: wait that long after start-up or after first seeing a
      // lower priority master, accepting its adverts meanwhile.
      if (t.preemptAt() == null) {
        t = t.withPreemptAt(now.plus(p.preemptDelay()));
      }
      if (now.isBefore(t.preemptAt())) {
        return acceptMaster(t, a, now);
      }
      return new Step(t, List.of());
    }
    if (!lower && t.preemptAt() != null && !now.isBefore(t.preemptAt())) {
      t = t.withPreemptAt(null); // the next lower master starts a new delay
    }
    if (!p.preempt() || !lower) {
      return acceptMaster(t, a, now);
    }
    return new Step(t, List.of()); // preempt: discard, our master down timer will take over
  }

  private Step acceptMaster(Snapshot s, AdvertReceived a, Instant now) {
    Snapshot t = s.withMasterAdverInterval(a.interval());
    return new Step(t, List.of(new ArmTimer(Timer.MASTER_DOWN, now.plus(masterDownInterval(t)))));
  }

  private Step master(Snapshot s, Input in, Instant now) {
    return switch (in) {
      case Input.Shutdown sd -> new Step(s.with(State.INITIALIZE), List.of(
          new CancelTimer(Timer.ADVERT),
          new CancelTimer(Timer.GARP_REPEAT),
          new SendAdvert(STOP_PRIORITY),
          new RemoveVips(),
          new Notify(State.MASTER, State.INITIALIZE, "shutdown")));
      case Input.AdvertTimerFired f -> new Step(s, List.of(
          new SendAdvert(s.priority()),
          new ArmTimer(Timer.ADVERT, now.plus(p.advertInterval()))));
      case Input.GarpTimerFired f -> new Step(s, List.of(new SendGarp()));
      case AdvertReceived a -> masterAdvert(s, a, now);
      case Input.TrackFault f -> new Step(s.withFaulted(true).with(State.FAULT), List.of(
          new CancelTimer(Timer.ADVERT),
          new CancelTimer(Timer.GARP_REPEAT),
          new SendAdvert(STOP_PRIORITY), // keepalived gives up at once rather than go silent
          new RemoveVips(),
          new Notify(State.MASTER, State.FAULT, f.why())));
      case Input.TrackOk ok -> new Step(s.withFaulted(false), List.of());
      default -> new Step(s, List.of());
    };
  }

  /** Section 6.4.3, "If an ADVERTISEMENT is received". */
  private Step masterAdvert(Snapshot s, AdvertReceived a, Instant now) {
    if (a.priority() == STOP_PRIORITY) {
      return new Step(s, List.of(
          new SendAdvert(s.priority()),
          new ArmTimer(Timer.ADVERT, now.plus(p.advertInterval()))));
    }
    boolean higher = a.priority() > s.priority();
    boolean tieWon = a.priority() == s.priority()
        && compare(a.source().getAddress(), p.primaryAddress().getAddress()) > 0;
    if (higher || tieWon) {
      Snapshot b = s.withMasterAdverInterval(a.interval()).with(State.BACKUP);
      String why = (higher ? "higher priority " + a.priority() : "equal priority, higher address")
          + " from " + a.source().getHostAddress();
      return new Step(b, List.of(
          new CancelTimer(Timer.ADVERT),
          new CancelTimer(Timer.GARP_REPEAT),
          new ArmTimer(Timer.MASTER_DOWN, now.plus(masterDownInterval(b))),
          new RemoveVips(),
          new Notify(State.MASTER, State.BACKUP, why)));
    }
    // RFC: discard. keepalived also answers at once so the lower node backs off quickly.
    return new Step(s, List.of(new SendAdvert(s.priority())));
  }

  private Step fault(Snapshot s, Input in, Instant now) {
    return switch (in) {
      case Input.Shutdown sd -> new Step(s.with(State.INITIALIZE),
          List.of(new Notify(State.FAULT, State.INITIALIZE, "shutdown")));
      case Input.TrackOk ok -> leaveQuietState(s.withFaulted(false), now, "track scripts ok");
      case Input.TrackFault f -> new Step(s, List.of());
      default -> new Step(s, List.of()); // a faulty node neither sends nor listens
    };
  }

  /** Unsigned comparison of addresses in network order (section 6.4.3 tie-break). */
  static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }
}
