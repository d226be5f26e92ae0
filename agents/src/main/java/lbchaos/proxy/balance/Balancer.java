package lbchaos.proxy.balance;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.proxy.config.Balance;

/**
 * Chooses the server for each new connection, in the order haproxy 2.6 would. Thread-safe: every
 * public method holds the balancer's lock, so state changes and picks are totally ordered.
 *
 * <p>Group choice as haproxy: active servers when any is usable; otherwise the backups, and of
 * those only the first usable one (configuration order) unless "option allbackups".
 */
public abstract sealed class Balancer
    permits RoundRobin, StaticRoundRobin, LeastConn, FirstAvailable, SourceHash {

  protected final List<Member> members;
  protected final boolean allBackups;

  protected Balancer(List<Member> members, boolean allBackups) {
    this.members = List.copyOf(members);
    this.allBackups = allBackups;
    for (int i = 0; i < this.members.size(); i++) {
      if (this.members.get(i).index() != i) {
        throw new IllegalArgumentException("member " + i + " has index "
            + this.members.get(i).index() + "; indexes must follow list order");
      }
    }
  }

  public static Balancer create(Balance algorithm, List<Member> members, boolean allBackups) {
    return switch (algorithm) {
      case ROUNDROBIN -> new RoundRobin(members, allBackups);
      case STATIC_RR -> new StaticRoundRobin(members, allBackups);
      case LEASTCONN -> new LeastConn(members, allBackups);
      case FIRST -> new FirstAvailable(members, allBackups);
      case SOURCE -> new SourceHash(members, allBackups);
    };
  }

  public List<Member> members() {
    return members;
  }

  /**
   * Assigns a new connection: returns the server, already counted as serving it, or empty when
   * no server is usable or every usable one is at its maxconn (the caller queues then).
   *
   * @param client the client address (used by "source")
   * @param avoid a server to avoid if another one is available (redispatch), or null
   */
  public final synchronized Optional<Member> pick(InetAddress client, Member avoid) {
    Member m = choose(client, avoid);
    if (m == null) {
      return Optional.empty();
    }
    synchronized (m) {
      m.served++;
    }
    servedChanged(m);
    return Optional.of(m);
  }

  /** Counts a connection to a chosen server (a retry on the same server), bypassing choice. */
  public final synchronized void assign(Member m) {
    synchronized (m) {
      m.served++;
    }
    servedChanged(m);
  }

  /** A connection that {@link #pick} assigned to {@code m} has ended. */
  public final synchronized void release(Member m) {
    synchronized (m) {
      if (m.served > 0) {
        m.served--;
      }
    }
    servedChanged(m);
  }

  /** Marks a server up or down (health checks, observe, disabled). No-op when unchanged. */
  public final synchronized void setUp(Member m, boolean up) {
    if (m.up == up) {
      return;
    }
    boolean wasUsable = m.usable();
    synchronized (m) {
      m.up = up;
    }
    stateChanged(m, wasUsable);
  }

  /** The runtime API forces {@code state} on {@code m}. No-op when unchanged. */
  public final synchronized void setAdmin(Member m, AdminState state) {
    if (m.admin == state) {
      return;
    }
    boolean wasUsable = m.usable();
    synchronized (m) {
      m.admin = state;
    }
    stateChanged(m, wasUsable);
  }

  /** The runtime API sets {@code m}'s weight (0..256; 0 drains it). */
  public final synchronized void setWeight(Member m, int weight) {
    if (weight < 0 || weight > 256) {
      throw new IllegalArgumentException("weight out of range 0-256: " + weight);
    }
    if (m.weight == weight) {
      return;
    }
    boolean wasUsable = m.usable();
    int old = m.weight;
    synchronized (m) {
      m.weight = weight;
    }
    weightChanged(m, wasUsable, old);
  }

  /** True when some server could take traffic now or once a slot frees (queueing makes sense). */
  public final synchronized boolean anyUsable() {
    return members.stream().anyMatch(Member::usable);
  }

  /** Active usable servers if any, else backups as described in the class comment. */
  protected final List<Member> eligible() {
    List<Member> act = new ArrayList<>();
    for (Member m : members) {
      if (!m.backup() && m.usable()) {
        act.add(m);
      }
    }
    if (!act.isEmpty()) {
      return act;
    }
    List<Member> bck = new ArrayList<>();
    for (Member m : members) {
      if (m.backup() && m.usable()) {
        bck.add(m);
        if (!allBackups) {
          break;
        }
      }
    }
    return bck;
  }

  protected abstract Member choose(InetAddress client, Member avoid);

  protected void servedChanged(Member m) {}

  protected void stateChanged(Member m, boolean wasUsable) {}

  /** The weight changed; by default what a state change does (the map-based rebuild). */
  protected void weightChanged(Member m, boolean wasUsable, int oldWeight) {
    stateChanged(m, wasUsable);
  }
}
