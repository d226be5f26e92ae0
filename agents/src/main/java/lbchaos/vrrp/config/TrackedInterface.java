package lbchaos.vrrp.config;

import java.util.Objects;

/**
 * An interface whose link an instance tracks (keepalived 2.2.7 vrrp_track.c alloc_track_if, and
 * the implicit tracking vrrp.c vrrp_complete_instance adds). The link is up when the kernel
 * reports both IFF_UP and IFF_RUNNING (vrrp_if.h FLAGS_UP). A down link counts as a failing
 * track script does: weight 0 puts the instance in FAULT, a positive weight counts while the link
 * is up, a negative one while it is down; {@code reverse} (keepalived's weight multiplier -1)
 * counts the other way round.
 *
 * @param name the interface's name, as the kernel reports it in IFLA_IFNAME
 */
public record TrackedInterface(String name, int weight, boolean reverse) {

  /** keepalived 2.2.7 takes -254..254 and clamps +/-254 to +/-253. */
  public static final int MAX_WEIGHT = VrrpScript.MAX_WEIGHT;

  public TrackedInterface {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an interface name is required");
    }
    if (weight < -MAX_WEIGHT || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException("weight must be -253..253, was " + weight);
    }
  }

  /** Counted as keepalived counts it while the link is {@code up}: the weight, or 0. */
  int counted(boolean up) {
    int c = (weight > 0 && up) || (weight < 0 && !up) ? weight : 0;
    return reverse ? -c : c;
  }

  /** Weight 0: FAULT while the link is down (reversed: while it is up). */
  boolean faults(boolean up) {
    return weight == 0 && up == reverse;
  }
}
