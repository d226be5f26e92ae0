package lbchaos.privilege;

import java.util.EnumSet;
import java.util.Set;

/**
 * The Linux capabilities an agent may keep after it drops root, with their bit numbers from
 * {@code <linux/capability.h>}.
 */
public enum Capability {
  /** Binding ports below 1024. */
  NET_BIND_SERVICE(10),
  /** Interface configuration, rtnetlink address changes (the VIP). */
  NET_ADMIN(12),
  /** Opening raw and packet sockets. */
  NET_RAW(13);

  private final int bit;

  Capability(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  /** The 64-bit mask {@code /proc/PID/status} prints as CapEff/CapPrm. */
  public static long mask(Set<Capability> caps) {
    long m = 0;
    for (Capability c : caps) {
      m |= 1L << c.bit;
    }
    return m;
  }

  /** The capabilities of ours set in {@code mask}; bits we do not name are ignored. */
  public static Set<Capability> of(long mask) {
    Set<Capability> s = EnumSet.noneOf(Capability.class);
    for (Capability c : values()) {
      if ((mask & (1L << c.bit)) != 0) {
        s.add(c);
      }
    }
    return s;
  }
}
