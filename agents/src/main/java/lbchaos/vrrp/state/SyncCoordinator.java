package lbchaos.vrrp.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One vrrp_sync_group's rules (keepalived 2.2.7 vrrp_sync.c, and where vrrp_scheduler.c,
 * vrrp_track.c and vrrp.c call it): pure, told what its members do and answering with what the
 * other members must do and which state the group enters (its notifies run then).
 *
 * <ul>
 *   <li>A member failing a weight-0 track of its own puts the group in FAULT: every other
 *       member goes FAULT (down_instance, vrrp_sync_fault). The group stays there until the
 *       last such member recovers (try_up_instance); that one comes back as BACKUP and so do the
 *       others (vrrp_sync_backup).
 *   <li>A master that goes BACKUP takes the group to BACKUP: the other masters go BACKUP
 *       (the M->B entry of VRRP_TSM, vrrp_sync_backup).
 *   <li>A backup whose master down timer fires becomes master only if every other member wants
 *       to be master too, else it waits another master down interval
 *       (vrrp_sync_can_goto_master); the member that becomes master takes the others with it
 *       (vrrp_sync_master). A backup that accepts a master's advert no longer wants it.
 * </ul>
 *
 * Not thread-safe: the agent calls it under one lock for the group.
 */
public final class SyncCoordinator {

  /** {@code input} for {@code member}. */
  public record Order(String member, Input input) {}

  /**
   * @param orders inputs for other members, in the group's order
   * @param entered the state the group entered, whose notifies run after the orders are done
   */
  public record Outcome(List<Order> orders, Optional<State> entered) {
    static final Outcome NONE = new Outcome(List.of(), Optional.empty());
  }

  private final String name;
  /** Each member's state as last reported, in the group's order. */
  private final Map<String, State> states = new LinkedHashMap<>();
  /** keepalived's wantstate: what the member would be disregarding the group. */
  private final Map<String, State> wants = new LinkedHashMap<>();
  /** Members failing a weight-0 track of their own (keepalived's num_member_fault). */
  private final Set<String> faulted = new HashSet<>();
  /** keepalived's sgroup->state; BACKUP at start for a group without address owners. */
  private State group = State.BACKUP;

  public SyncCoordinator(String name, List<String> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("sync group " + name + " has no member");
    }
    this.name = name;
    members.forEach(m -> {
      states.put(m, State.INITIALIZE);
      wants.put(m, State.BACKUP);
    });
  }

  public String name() {
    return name;
  }

  public State state() {
    return group;
  }

  public List<String> members() {
    return List.copyOf(states.keySet());
  }

  /**
   * The group's state before its members start, whose notifies keepalived runs first
   * (vrrp_init_state): FAULT if a member starts with a failing track, else BACKUP.
   */
  public State starting() {
    return group;
  }

  /** A weight-0 track of {@code member} itself failed (reported whatever its state). */
  public Outcome trackFailed(String member) {
    known(member);
    wants.put(member, State.FAULT);
    if (!faulted.add(member) || !faulted.equals(Set.of(member))) {
      return Outcome.NONE; // the group is in FAULT already
    }
    group = State.FAULT;
    return new Outcome(others(member, State.FAULT), Optional.of(State.FAULT));
  }

  /**
   * Every weight-0 track of {@code member} is healthy again: whether it may leave FAULT now
   * (false while another member still fails one of its own).
   */
  public boolean trackRecovered(String member) {
    known(member);
    faulted.remove(member);
    if (wants.get(member) == State.FAULT) {
      wants.put(member, State.BACKUP);
    }
    return faulted.isEmpty();
  }

  /**
   * {@code member}'s master down timer fired: whether it may become master now. It wants to
   * from now on, until it accepts a master's advert.
   */
  public boolean masterDownFired(String member) {
    known(member);
    wants.put(member, State.MASTER);
    if (group == State.MASTER) {
      return true;
    }
    return wants.entrySet().stream().allMatch(e -> e.getValue() == State.MASTER);
  }

  /** As backup, {@code member} accepted a master's advert: it wants BACKUP again. */
  public void masterHeard(String member) {
    known(member);
    if (wants.get(member) == State.MASTER) {
      wants.put(member, State.BACKUP);
    }
  }

  /** {@code member} went from {@code from} to {@code to} (on its own or by an order). */
  public Outcome entered(String member, State from, State to) {
    known(member);
    states.put(member, to);
    if (to == State.MASTER || to == State.BACKUP || to == State.FAULT) {
      wants.put(member, faulted.contains(member) ? State.FAULT : to);
    }
    if ((to == State.BACKUP || to == State.MASTER) && !faulted.isEmpty()) {
      // Started, or came back, while the group is in FAULT (vrrp_init_state: the group's state).
      return new Outcome(List.of(new Order(member, new Input.SyncTo(State.FAULT))),
          Optional.empty());
    }
    if (to == State.MASTER && group != State.MASTER) {
      group = State.MASTER;
      return new Outcome(others(member, State.MASTER), Optional.of(State.MASTER));
    }
    if (to == State.BACKUP && from != State.INITIALIZE && group != State.BACKUP) {
      group = State.BACKUP;
      return new Outcome(others(member, State.BACKUP), Optional.of(State.BACKUP));
    }
    return Outcome.NONE;
  }

  /** The other members not in {@code to} already, each ordered there. */
  private List<Order> others(String member, State to) {
    List<Order> out = new ArrayList<>();
    states.forEach((m, s) -> {
      if (!m.equals(member) && s != to) {
        out.add(new Order(m, new Input.SyncTo(to)));
      }
    });
    return out;
  }

  private void known(String member) {
    if (!states.containsKey(member)) {
      throw new IllegalArgumentException(member + " is not in sync group " + name);
    }
  }
}
