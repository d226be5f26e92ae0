package lbchaos.harness.topology;

import java.util.List;

/** The capabilities an LB container gets, by what runs in it: no more than its daemons use. */
final class LbCapabilities {

  private LbCapabilities() {}

  /**
   * keepalived and haproxy run as root throughout: raw sockets (NET_RAW), the VIP and GARPs
   * (NET_ADMIN), haproxy binds :80 (NET_BIND_SERVICE), both signal their children (KILL),
   * scripts run as script_user (SETUID, SETGID) and touch root's files (DAC_OVERRIDE, CHOWN,
   * FOWNER).
   */
  static final List<String> REFERENCE = List.of("NET_ADMIN", "NET_RAW", "NET_BIND_SERVICE",
      "KILL", "SETUID", "SETGID", "DAC_OVERRIDE", "CHOWN", "FOWNER");

  /**
   * Our agents open their sockets and ports as root (NET_RAW, NET_ADMIN, NET_BIND_SERVICE), then
   * become an unprivileged user (SETUID, SETGID), the VRRP agent keeping only NET_ADMIN for the
   * VIP. The supervisor, still root, signals agents of another uid (KILL), and the VRRP agent's
   * script helper starts scripts as script_user (SETUID, SETGID again). Root's file-permission
   * overrides are not needed: nothing of ours writes files it does not own.
   */
  static final List<String> JAVA = List.of("NET_ADMIN", "NET_RAW", "NET_BIND_SERVICE", "KILL",
      "SETUID", "SETGID");

  static List<String> forJava(boolean java) {
    return java ? JAVA : REFERENCE;
  }
}
