package lbchaos.proxy.balance;

import java.util.Objects;

/**
 * One server as the balancer sees it: fixed name, weight, backup flag and maxconn, and the live
 * state (up, connections served). Mutated only through its {@link Balancer}, under its lock.
 */
public final class Member {
  private final int index;
  private final String name;
  private final int weight;
  private final boolean backup;
  private final int maxconn;
  boolean up;
  int served;

  /**
   * @param index position in the configuration (haproxy's server order)
   * @param maxconn 0 for unlimited
   */
  public Member(int index, String name, int weight, boolean backup, int maxconn, boolean up) {
    this.index = index;
    this.name = Objects.requireNonNull(name, "name");
    if (weight < 0 || weight > 256) {
      throw new IllegalArgumentException("weight out of range 0-256: " + weight);
    }
    this.weight = weight;
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

  public int weight() {
    return weight;
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

  /** Takes traffic: up and of non-zero weight (haproxy: weight 0 receives no new connection). */
  boolean usable() {
    return up && weight > 0;
  }

  boolean saturated() {
    return maxconn > 0 && served >= maxconn;
  }

  @Override
  public String toString() {
    return name;
  }
}
