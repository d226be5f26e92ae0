package lbchaos.proxy.balance;

import java.util.Objects;

/**
 * One server as the balancer sees it: fixed name, weight, backup flag and maxconn, and the live
 * state (up, connections served). Mutated only through its {@link Balancer}, under its lock.
 */
public final class Member {
  private final int index;
  private final String name;
  private final int initialWeight;
  private final boolean backup;
  private final int maxconn;
  boolean up;
  int served;
  /** The runtime API's weight ("set server B/S weight"), the configured one at start. */
  int weight;
  AdminState admin;

  /**
   * @param index position in the configuration (haproxy's server order)
   * @param maxconn 0 for unlimited
   */
  public Member(int index, String name, int weight, boolean backup, int maxconn, boolean up) {
    this(index, name, weight, backup, maxconn, up, AdminState.READY);
  }

  /** @param admin MAINT for a server configured "disabled" */
  public Member(int index, String name, int weight, boolean backup, int maxconn, boolean up,
      AdminState admin) {
    this.index = index;
    this.admin = Objects.requireNonNull(admin, "admin");
    this.name = Objects.requireNonNull(name, "name");
    if (weight < 0 || weight > 256) {
      throw new IllegalArgumentException("weight out of range 0-256: " + weight);
    }
    this.weight = weight;
    this.initialWeight = weight;
    this.backup = backup;
    this.maxconn = maxconn;
    this.up = up;
  }

  public int index() {
    return index;
  }

  public String name() {
    return name;
  }

  /** The current weight: the configured one unless the runtime API changed it. */
  public synchronized int weight() {
    return weight;
  }

  /** The configured weight (haproxy's iweight). */
  public int initialWeight() {
    return initialWeight;
  }

  public synchronized AdminState admin() {
    return admin;
  }

  public boolean backup() {
    return backup;
  }

  public int maxconn() {
    return maxconn;
  }

  public synchronized boolean up() {
    return up;
  }

  public synchronized int served() {
    return served;
  }

  /**
   * Takes traffic: up, ready and of non-zero weight (haproxy: a drained server or one of weight 0
   * receives no new connection; one in maint is down).
   */
  boolean usable() {
    return up && admin == AdminState.READY && weight > 0;
  }

  /** Whether new connections may go to it now (what {@link Balancer} picks from). */
  public synchronized boolean takesTraffic() {
    return usable();
  }

  boolean saturated() {
    return maxconn > 0 && served >= maxconn;
  }

  @Override
  public String toString() {
    return name;
  }
}
