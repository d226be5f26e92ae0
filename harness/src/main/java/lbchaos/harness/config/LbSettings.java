package lbchaos.harness.config;

import java.time.Duration;
import java.util.List;
import lbchaos.vrrp.state.Garp;

/**
 * The knobs of the rendered keepalived.conf, defaulting to the article's: VRRPv2, 1 s adverts,
 * priorities 255/254, a check script every 3 s with weight -2, fall 10, rise 2, PASS auth,
 * keepalived's default gratuitous ARPs, the own interface's link tracked.
 *
 * @param dontTrackPrimary writes keepalived's {@code dont_track_primary}: the instance's own
 *     interface going down no longer puts it in FAULT (link-down's negative case)
 * @param https the frontend binds with "ssl crt" (a certificate made for the run), the probe
 *     and the check script speak HTTPS; the servers stay plain HTTP
 * @param ipv6 the VIP is IPv6 on a dual-stack test network (see {@link Ipv6})
 */
public record LbSettings(int version, Duration advertInterval, List<Integer> priorities,
    int checkWeight, int checkInterval, int checkFall, int checkRise, boolean nopreempt,
    Duration preemptDelay, String authPass, String haproxyExtra, boolean unicast,
    boolean httpMode, Garp garp, boolean dontTrackPrimary, Notify notifications,
    SyncGroup syncGroup, boolean https, Ipv6 ipv6) {

  public static final LbSettings ARTICLE = new LbSettings(2, Duration.ofSeconds(1),
      List.of(255, 254), -2, 3, 10, 2, false, Duration.ZERO, "mypass", "", false, false,
      Garp.DEFAULT, false, Notify.SCRIPTS, SyncGroup.NONE, false, Ipv6.OFF);

  /**
   * How each LB reports its state changes: the article's notify scripts always; with
   * {@code SCRIPTS_AND_FIFO} also keepalived's notify FIFO (global_defs notify_fifo and
   * notify_fifo_script); {@code WRONG_STATE} is that with a script and a fifo script that
   * report MASTER as BACKUP and BACKUP as MASTER (a negative case: the notify checks must fail).
   */
  public enum Notify {
    SCRIPTS, SCRIPTS_AND_FIFO, WRONG_STATE;

    public boolean fifo() {
      return this != SCRIPTS;
    }
  }

  /** The article's notify scripts only, the primary interface tracked. */
  public LbSettings(int version, Duration advertInterval, List<Integer> priorities,
      int checkWeight, int checkInterval, int checkFall, int checkRise, boolean nopreempt,
      Duration preemptDelay, String authPass, String haproxyExtra, boolean unicast,
      boolean httpMode, Garp garp) {
    this(version, advertInterval, priorities, checkWeight, checkInterval, checkFall, checkRise,
        nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode, garp, false,
        Notify.SCRIPTS, SyncGroup.NONE, false, Ipv6.OFF);
  }

  /** Multicast adverts, as the article has them. */
  public LbSettings(int version, Duration advertInterval, List<Integer> priorities,
      int checkWeight, int checkInterval, int checkFall, int checkRise, boolean nopreempt,
      Duration preemptDelay, String authPass, String haproxyExtra) {
    this(version, advertInterval, priorities, checkWeight, checkInterval, checkFall, checkRise,
        nopreempt, preemptDelay, authPass, haproxyExtra, false, false, Garp.DEFAULT, false,
        Notify.SCRIPTS, SyncGroup.NONE, false, Ipv6.OFF);
  }

  public LbSettings {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("VRRP version must be 2 or 3, got " + version);
    }
    if (version == 2 && advertInterval.toMillis() % 1000 != 0) {
      // keepalived silently rounds it; we refuse so the bounds we compute are the real ones.
      throw new IllegalArgumentException("VRRPv2 advert interval must be whole seconds, got "
          + advertInterval + " (use version 3 for sub-second adverts)");
    }
    if (advertInterval.toMillis() < 10 || advertInterval.toSeconds() > 255) {
      throw new IllegalArgumentException("advert interval out of range: " + advertInterval);
    }
    priorities = List.copyOf(priorities);
    for (int p : priorities) {
      if (p < 1 || p > 255) {
        throw new IllegalArgumentException("VRRP priority must be 1..255, got " + p);
      }
    }
    java.util.Objects.requireNonNull(garp, "garp");
    java.util.Objects.requireNonNull(notifications, "notifications");
    java.util.Objects.requireNonNull(syncGroup, "syncGroup");
    java.util.Objects.requireNonNull(ipv6, "ipv6");
    if (ipv6 != Ipv6.OFF && (version != 3 || unicast)) {
      // keepalived keeps a written version 2 over IPv6 (no RFC defines it) and the java agent
      // refuses IPv6 unicast: the IPv6 runs are VRRPv3 multicast.
      throw new IllegalArgumentException("an IPv6 run is VRRPv3 over multicast (ff02::12)");
    }
    if (authPass.length() > 8) {
      throw new IllegalArgumentException("auth_pass is at most 8 characters (RFC 2338 5.3.8)");
    }
  }

  /** Priority of LB number {@code i} (0-based): the list, then one below its last entry each. */
  public int priority(int i) {
    if (i < priorities.size()) {
      return priorities.get(i);
    }
    return Math.max(1, priorities.getLast() - (i - priorities.size() + 1));
  }

  public LbSettings withPriorities(Integer... p) {
    return new LbSettings(version, advertInterval, List.of(p), checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode, garp,
        dontTrackPrimary, notifications, syncGroup, https, ipv6);
  }

  public LbSettings withAdverts(int version, Duration interval) {
    return new LbSettings(version, interval, priorities, checkWeight, checkInterval, checkFall,
        checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode, garp,
        dontTrackPrimary, notifications, syncGroup, https, ipv6);
  }

  public LbSettings withPreemption(boolean nopreempt, Duration preemptDelay) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode, garp,
        dontTrackPrimary, notifications, syncGroup, https, ipv6);
  }

  public LbSettings withCheck(int weight, int interval, int fall, int rise) {
    return new LbSettings(version, advertInterval, priorities, weight, interval, fall, rise,
        nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode, garp,
        dontTrackPrimary, notifications, syncGroup, https, ipv6);
  }

  /** Extra lines for the haproxy backend (e.g. "retries 3\n  option redispatch"). */
  public LbSettings withHaproxyExtra(String extra) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, extra, unicast, httpMode, garp,
        dontTrackPrimary, notifications, syncGroup, https, ipv6);
  }

  /**
   * Adverts to each other LB's address (unicast_src_ip, unicast_peer) instead of the VRRP
   * multicast group.
   */
  public LbSettings withUnicast(boolean on) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, on, httpMode, garp,
        dontTrackPrimary, notifications, syncGroup, https, ipv6);
  }

  /**
   * The vrrp_instance's gratuitous ARP keywords (garp_master_delay, garp_master_repeat,
   * garp_master_refresh, ...): each one that differs from keepalived's default is written.
   */
  public LbSettings withGarp(Garp g) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode,
        g, dontTrackPrimary, notifications, syncGroup, https, ipv6);
  }

  /**
   * haproxy in mode http (frontend and backend, httplog, X-Forwarded-For) instead of the
   * article's mode tcp: requests are parsed, and a client may keep its connection alive.
   */
  public LbSettings withHttpMode(boolean on) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, on, garp,
        dontTrackPrimary, notifications, syncGroup, https, ipv6);
  }

  /** With keepalived's {@code dont_track_primary} in every instance (or without). */
  public LbSettings withDontTrackPrimary(boolean on) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode,
        garp, on, notifications, syncGroup, https, ipv6);
  }

  /** How state changes are reported (see {@link Notify}). */
  public LbSettings withNotify(Notify n) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode,
        garp, dontTrackPrimary, n, syncGroup, https, ipv6);
  }

  /**
   * A second vrrp_instance, VI_2 (the next VRID, the plan's second VIP, no track script), and
   * whether both are in one vrrp_sync_group VG whose generic notify script reports to the
   * harness: {@code NONE} the article's one instance, {@code SEPARATE} two instances on their
   * own (sync-group's negative case), {@code GROUPED} the two in VG.
   */
  public enum SyncGroup { NONE, SEPARATE, GROUPED }

  public LbSettings withSyncGroup(SyncGroup g) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode,
        garp, dontTrackPrimary, notifications, g, https, ipv6);
  }

  /** HTTPS on the frontend (see {@code https}), or plain HTTP. */
  public LbSettings withHttps(boolean on) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode,
        garp, dontTrackPrimary, notifications, syncGroup, on, ipv6);
  }

  /**
   * IPv6 runs: {@code ON} a dual-stack test network, the VIP an IPv6 address
   * (AddressPlan#vip6) in an IPv6-only vrrp_instance (VRRPv3 over IPv6, which keepalived 2.2.7
   * runs as written), bound by the frontend and targeted by the probe, the webservers still
   * IPv4 behind the proxy; {@code FIRST_LB_ONLY} the same but every other LB's instance keeps the
   * IPv4 VIP (master-down-ipv6's negative case: nobody can take the IPv6 VIP over).
   */
  public enum Ipv6 { OFF, ON, FIRST_LB_ONLY }

  /** Whether the run needs the dual-stack test network. */
  public boolean dualStack() {
    return ipv6 != Ipv6.OFF;
  }

  public LbSettings withIpv6(Ipv6 v) {
    return new LbSettings(version, advertInterval, priorities, checkWeight, checkInterval,
        checkFall, checkRise, nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode,
        garp, dontTrackPrimary, notifications, syncGroup, https, v);
  }

  /** One instance, no sync group, plain HTTP. */
  public LbSettings(int version, Duration advertInterval, List<Integer> priorities,
      int checkWeight, int checkInterval, int checkFall, int checkRise, boolean nopreempt,
      Duration preemptDelay, String authPass, String haproxyExtra, boolean unicast,
      boolean httpMode, Garp garp, boolean dontTrackPrimary, Notify notifications) {
    this(version, advertInterval, priorities, checkWeight, checkInterval, checkFall, checkRise,
        nopreempt, preemptDelay, authPass, haproxyExtra, unicast, httpMode, garp,
        dontTrackPrimary, notifications, SyncGroup.NONE, false, Ipv6.OFF);
  }
}
