package lbchaos.vrrp.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    if (in instanceof Input.Reload r) {
      return reload(s, r, now);
    }
    if (in instanceof Input.SyncTo || in instanceof Input.SyncHold
        || in instanceof Input.TrackOkHeld) {
      return synced(s, in, now);
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
          List.of(new Notify(s.state(), State.FAULT, reason + ", a tracked script or link failing")));
    }
    if (s.priority() == OWNER_PRIORITY) {
      return becomeMaster(s, now, reason + ", address owner");
    }
    Snapshot b = s.withMasterAdverInterval(p.advertInterval()).with(State.BACKUP);
    return new Step(b, List.of(
        new ArmTimer(Timer.MASTER_DOWN, now.plus(masterDownInterval(b))),
        new Notify(s.state(), State.BACKUP, reason)));
  }

  /**
   * keepalived 2.2.7 vrrp_state_master_tx and vrrp_state_become_master: an advert, then the
   * VIPs, a burst of garp_master_repeat GARPs, the refresh deadline (garp_master_refresh after
   * now) and the second burst garp_master_delay later. The advert goes first, as keepalived
   * sends it: the old master (if any is left) drops the VIPs on hearing it, before our GARPs
   * claim them; and the peers hear the new master without waiting on the netlink calls.
   */
  private Step becomeMaster(Snapshot s, Instant now, String reason) {
    Garp g = p.garp();
    Snapshot m = s.with(State.MASTER).withoutGarps()
        .withGarpRefreshAt(g.refresh().isZero() ? null : now.plus(g.refresh()));
    List<Action> out = new ArrayList<>(List.of(
        new CancelTimer(Timer.MASTER_DOWN),
        new SendAdvert(s.priority()),
        new AddVips()));
    garp(out, g.masterRepeat());
    out.add(new ArmTimer(Timer.ADVERT, now.plus(p.advertInterval())));
    // keepalived never cancels this thread: leaving MASTER and coming back within the delay, it
    // sends the old second burst too (vrrp_send_link_update only checks the VIPs are set). The
    // machine cancels it on leaving MASTER and arms a new one on coming back.
    if (!g.masterDelay().isZero()) {
      out.add(new ArmTimer(Timer.GARP_REPEAT, now.plus(g.masterDelay())));
    }
    out.add(new Notify(s.state(), State.MASTER, reason));
    return new Step(m, out);
  }

  /** A burst of {@code repeat} GARPs per VIP; none at zero (keepalived's loop runs 0 times). */
  private static void garp(List<Action> out, int repeat) {
    if (repeat > 0) {
      out.add(new SendGarp(repeat));
    }
  }

  /** Leaving MASTER: the timers of a master, and its GARP schedules, go. */
  private static List<Action> leaveMaster() {
    return List.of(new CancelTimer(Timer.ADVERT), new CancelTimer(Timer.GARP_REPEAT),
        new CancelTimer(Timer.LOWER_PRIO_GARP));
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
      case Input.Shutdown sd -> new Step(s.with(State.INITIALIZE).withoutGarps(), concat(
          leaveMaster(),
          new SendAdvert(STOP_PRIORITY),
          new RemoveVips(),
          new Notify(State.MASTER, State.INITIALIZE, "shutdown")));
      case Input.AdvertTimerFired f -> advertTimer(s, now);
      case Input.GarpTimerFired f -> {
        List<Action> out = new ArrayList<>();
        garp(out, p.garp().masterRepeat());
        yield new Step(s, out);
      }
      case Input.LowerPrioGarpTimerFired f -> lowerPrioDue(s, now);
      case AdvertReceived a -> masterAdvert(s, a, now);
      case Input.TrackFault f -> new Step(s.withFaulted(true).with(State.FAULT).withoutGarps(),
          concat(leaveMaster(),
              new SendAdvert(STOP_PRIORITY), // keepalived gives up at once rather than go silent
              new RemoveVips(),
              new Notify(State.MASTER, State.FAULT, f.why())));
      case Input.TrackOk ok -> new Step(s.withFaulted(false), List.of());
      default -> new Step(s, List.of());
    };
  }

  /**
   * The master's advert: keepalived 2.2.7 vrrp_state_master_tx sends the refresh burst at the
   * first advert after garp_master_refresh has passed (strictly after), and sets the next
   * deadline from that advert; so refreshes come every garp_master_refresh rounded up to an
   * advert, not on a timer of their own (keepalived 2.3 has one: first at garp_master_delay +
   * garp_master_refresh, then every garp_master_refresh).
   */
  private Step advertTimer(Snapshot s, Instant now) {
    List<Action> out = new ArrayList<>(List.of(new SendAdvert(s.priority())));
    Snapshot t = s;
    if (s.garpRefreshAt() != null && now.isAfter(s.garpRefreshAt())) {
      garp(out, p.garp().refreshRepeat());
      t = s.withGarpRefreshAt(now.plus(p.garp().refresh()));
    }
    out.add(new ArmTimer(Timer.ADVERT, now.plus(p.advertInterval())));
    return new Step(t, out);
  }

  /** Every second burst after a lower priority advert that is due, then the next one armed. */
  private Step lowerPrioDue(Snapshot s, Instant now) {
    List<Action> out = new ArrayList<>();
    List<Instant> left = new ArrayList<>();
    for (Instant due : s.lowerPrioGarps()) {
      if (due.isAfter(now)) {
        left.add(due);
      } else {
        garp(out, p.garp().lowerPrioRepeat());
      }
    }
    if (!left.isEmpty()) {
      out.add(new ArmTimer(Timer.LOWER_PRIO_GARP, left.getFirst()));
    }
    return new Step(s.withLowerPrioGarps(left), out);
  }

  private static List<Action> concat(List<Action> first, Action... then) {
    List<Action> out = new ArrayList<>(first);
    out.addAll(List.of(then));
    return out;
  }

  /** Section 6.4.3, "If an ADVERTISEMENT is received"; keepalived 2.2.7 vrrp_state_master_rx. */
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
      Snapshot b = s.withMasterAdverInterval(a.interval()).with(State.BACKUP).withoutGarps();
      String why = (higher ? "higher priority " + a.priority() : "equal priority, higher address")
          + " from " + a.source().getHostAddress();
      List<Action> out = new ArrayList<>();
      if (p.garp().higherPrioSendAdvert()) {
        // higher_prio_send_advert: one more advert at our priority before yielding, so that a
        // peer with garp_lower_prio_repeat sends its GARPs again (the last ones seen were ours).
        out.add(new SendAdvert(s.priority()));
      }
      out.addAll(leaveMaster());
      out.add(new ArmTimer(Timer.MASTER_DOWN, now.plus(masterDownInterval(b))));
      out.add(new RemoveVips());
      out.add(new Notify(State.MASTER, State.BACKUP, why));
      return new Step(b, out);
    }
    // RFC: discard. keepalived also answers at once so the lower node backs off quickly, and
    // sends garp_lower_prio_repeat GARPs, again garp_lower_prio_delay later (one pending burst
    // per advert heard: keepalived adds a thread each time).
    Garp g = p.garp();
    List<Action> out = new ArrayList<>(List.of(new SendAdvert(s.priority())));
    Snapshot t = s;
    if (g.lowerPrioRepeat() > 0) {
      garp(out, g.lowerPrioRepeat());
      if (!g.lowerPrioDelay().isZero()) {
        List<Instant> due = new ArrayList<>(s.lowerPrioGarps());
        due.add(now.plus(g.lowerPrioDelay()));
        t = s.withLowerPrioGarps(due);
        out.add(new ArmTimer(Timer.LOWER_PRIO_GARP, t.lowerPrioGarps().getFirst()));
      }
    }
    out.add(new Action.LowerPriorityHeard()); // last, as keepalived notifies after the GARPs
    return new Step(t, out);
  }

  private Step fault(Snapshot s, Input in, Instant now) {
    return switch (in) {
      case Input.Shutdown sd -> new Step(s.with(State.INITIALIZE),
          List.of(new Notify(State.FAULT, State.INITIALIZE, "shutdown")));
      case Input.TrackOk ok -> leaveQuietState(s.withFaulted(false), now, "tracked scripts and links ok");
      case Input.TrackFault f -> new Step(s, List.of());
      default -> new Step(s, List.of()); // a faulty node neither sends nor listens
    };
  }

  /**
   * A reload (SIGHUP) that kept this instance, stepped by the machine of the new config on the
   * old snapshot. As keepalived 2.2.7 (restore_vrrp_state, vrrp_init_state): a master stays
   * master and keeps its addresses, drops those the config no longer has, adds the new ones
   * with a burst of GARPs (for every address, as its vrrp_send_link_update does) and restarts
   * the refresh deadline; a backup stays backup and waits a whole master down interval of the
   * new config; FAULT is worked out again from the track scripts. A master the new priority puts
   * below its peer stays master until the peer preempts it: its adverts carry the new priority
   * from the next one, a preempting peer ignores them and takes over when its timer fires, and
   * the higher advert sends this one back to BACKUP (section 6.4.3).
   */
  private Step reload(Snapshot s, Input.Reload r, Instant now) {
    Snapshot t = s.withPriority(r.priority()).withMasterAdverInterval(p.advertInterval());
    if (p.preemptDelay().isZero()) {
      t = t.withPreemptAt(null);
    }
    return switch (s.state()) {
      case INITIALIZE -> new Step(t.withFaulted(r.faulted()), List.of());
      case FAULT -> r.faulted() ? new Step(t, List.of())
          : leaveQuietState(t.withFaulted(false), now, "reload");
      case BACKUP -> r.faulted()
          ? backup(t, new Input.TrackFault("reload, a tracked script or link failing"), now)
          : new Step(t, List.of(new ArmTimer(Timer.MASTER_DOWN, now.plus(masterDownInterval(t)))));
      case MASTER -> masterReload(t, s.priority(), r, now);
    };
  }

  private Step masterReload(Snapshot s, int priorityBefore, Input.Reload r, Instant now) {
    List<Action> out = new ArrayList<>();
    if (r.vipsRemoved()) {
      out.add(new Action.RemoveDroppedVips());
    }
    if (r.faulted()) {
      Step f = master(s, new Input.TrackFault("reload, a tracked script or link failing"), now);
      out.addAll(f.actions());
      return new Step(f.next(), out);
    }
    Duration refresh = p.garp().refresh();
    Instant refreshAt = refresh.isZero() ? null
        : r.vipsAdded() || s.garpRefreshAt() == null ? now.plus(refresh) : s.garpRefreshAt();
    Snapshot t = s.withGarpRefreshAt(refreshAt);
    if (r.vipsAdded()) {
      out.add(new AddVips());
      garp(out, p.garp().masterRepeat());
    }
    // keepalived 2.2.7 sends one advert as the SIGHUP arrives, before it re-reads
    // (send_reload_advert_thread), so a reload never lets a backup's timer run out: it carries
    // the priority of before. The new one goes out from the next advert, an interval later.
    out.add(new SendAdvert(priorityBefore));
    out.add(new ArmTimer(Timer.ADVERT, now.plus(p.advertInterval())));
    return new Step(t, out);
  }

  /**
   * What a vrrp_sync_group asks of this member (keepalived 2.2.7 vrrp_sync.c with vrrp.c
   * vrrp_state_leave_master and vrrp_state_leave_fault). An order that does not apply to the
   * state the member is in by now (it moved on its own meanwhile) changes nothing.
   */
  private Step synced(Snapshot s, Input in, Instant now) {
    String why = "sync group";
    return switch (in) {
      case Input.TrackOkHeld h -> new Step(s.withFaulted(false), List.of());
      case Input.SyncHold h -> s.state() != State.BACKUP ? new Step(s, List.of())
          : new Step(s, List.of(new ArmTimer(Timer.MASTER_DOWN, now.plus(masterDownInterval(s)))));
      case Input.SyncTo t when t.to() == State.FAULT -> switch (s.state()) {
        // vrrp_state_leave_master with wantstate FAULT sends priority 0 whatever advF says.
        case MASTER -> new Step(s.with(State.FAULT).withoutGarps(), concat(leaveMaster(),
            new SendAdvert(STOP_PRIORITY), new RemoveVips(),
            new Notify(State.MASTER, State.FAULT, why)));
        case BACKUP -> new Step(s.with(State.FAULT), List.of(new CancelTimer(Timer.MASTER_DOWN),
            new Notify(State.BACKUP, State.FAULT, why)));
        default -> new Step(s, List.of());
      };
      case Input.SyncTo t when t.to() == State.BACKUP -> switch (s.state()) {
        // vrrp_sync_backup: leave_master without the priority 0 advert; the down timer from now.
        case MASTER -> {
          Snapshot b = s.with(State.BACKUP).withoutGarps();
          yield new Step(b, concat(leaveMaster(),
              new ArmTimer(Timer.MASTER_DOWN, now.plus(masterDownInterval(b))),
              new RemoveVips(), new Notify(State.MASTER, State.BACKUP, why)));
        }
        case FAULT -> {
          if (s.faulted()) {
            yield new Step(s, List.of());
          }
          Snapshot b = s.withMasterAdverInterval(p.advertInterval()).with(State.BACKUP);
          yield new Step(b, List.of(
              new ArmTimer(Timer.MASTER_DOWN, now.plus(masterDownInterval(b))),
              new Notify(State.FAULT, State.BACKUP, why)));
        }
        default -> new Step(s, List.of());
      };
      case Input.SyncTo t -> switch (s.state()) {
        case BACKUP -> becomeMaster(s, now, why);
        case FAULT -> s.faulted() ? new Step(s, List.of()) : becomeMaster(s, now, why);
        default -> new Step(s, List.of());
      };
      default -> new Step(s, List.of());
    };
  }

  /** Unsigned comparison of addresses in network order (section 6.4.3 tie-break). */
  static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }
}
