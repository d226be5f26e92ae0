package lbchaos.vrrp.state;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/** What happens to an instance: RFC 5798 section 6.4 events plus keepalived's tracking. */
public sealed interface Input {

  /** RFC 5798 section 6.4.1: the instance starts. */
  record Startup() implements Input {}

  /** RFC 5798 section 6.4.2/6.4.3: shutdown (SIGTERM); a master sends priority 0. */
  record Shutdown() implements Input {}

  /** A validated advert for our VRID, from {@code source} with its interval. */
  record AdvertReceived(int priority, InetAddress source, Duration interval) implements Input {
    public AdvertReceived {
      if (priority < 0 || priority > 255) {
        throw new IllegalArgumentException("priority 0..255, was " + priority);
      }
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(interval, "interval");
    }
  }

  record MasterDownTimerFired() implements Input {}

  record AdvertTimerFired() implements Input {}

  /** The second burst after becoming master (garp_master_delay). */
  record GarpTimerFired() implements Input {}

  /** A second burst after a lower priority advert is due (garp_lower_prio_delay). */
  record LowerPrioGarpTimerFired() implements Input {}

  /** The effective priority after track script weights changed (1..255). */
  record PriorityChanged(int priority) implements Input {
    public PriorityChanged {
      if (priority < 1 || priority > 255) {
        throw new IllegalArgumentException("effective priority 1..255, was " + priority);
      }
    }
  }

  /** A track script with weight 0 failed: keepalived enters FAULT. */
  record TrackFault(String why) implements Input {}

  /** Every weight-0 track script is healthy again. */
  record TrackOk() implements Input {}

  /**
   * SIGHUP re-read the config and this instance is still in it (keepalived's vrrp_exist: same
   * VRID, interface and unicast/multicast addressing, whatever its name). It is stepped by the
   * machine built on the new {@link Params}, with the snapshot the old one left: the state is
   * kept, as keepalived's restore_vrrp_state keeps it, and the new values apply from now on.
   *
   * @param priority the effective priority under the new config (its track weights, with the
   *     script results carried over by name, as keepalived's clear_diff_script does)
   * @param faulted a weight-0 track script of the new config is failing
   * @param vipsAdded the new config has addresses the old one did not
   * @param vipsRemoved the old config had addresses the new one does not
   */
  record Reload(int priority, boolean faulted, boolean vipsAdded, boolean vipsRemoved)
      implements Input {
    public Reload {
      if (priority < 1 || priority > 255) {
        throw new IllegalArgumentException("effective priority 1..255, was " + priority);
      }
    }
  }

  /**
   * The instance's vrrp_sync_group moves it to {@code to} because another member moved
   * (keepalived 2.2.7 vrrp_sync.c): FAULT (vrrp_sync_fault: a master sends priority 0 and gives
   * up its addresses), BACKUP (vrrp_sync_backup: a master gives them up quietly, a member the
   * group held in FAULT comes back) or MASTER (vrrp_sync_master). A member failing a weight-0
   * track script of its own stays in FAULT.
   */
  record SyncTo(State to) implements Input {
    public SyncTo {
      if (to != State.FAULT && to != State.BACKUP && to != State.MASTER) {
        throw new IllegalArgumentException("a group moves members to FAULT, BACKUP or MASTER: "
            + to);
      }
    }
  }

  /**
   * The master down timer fired but another member of the group would not become master
   * (keepalived's vrrp_sync_can_goto_master): stay BACKUP and wait another master down interval.
   */
  record SyncHold() implements Input {}

  /**
   * Every weight-0 track script of this instance is healthy again, but another member of its
   * group still fails one of its own: the group stays in FAULT (keepalived try_up_instance).
   */
  record TrackOkHeld() implements Input {}
}
