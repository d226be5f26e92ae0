package lbchaos.proxy.balance;

/**
 * What the runtime API ("set server B/S state", "disable server", "enable server") forces on a
 * server, haproxy's SRV_ADMF flags reduced to the three states its CLI sets: ready (back to what
 * its health checks say), drain (no new connections, checks go on) and maint (out, checks
 * paused). The server keyword "disabled" starts a server in maint.
 */
public enum AdminState {
  READY,
  DRAIN,
  MAINT;

  /**
   * haproxy's srv_admin_state number in "show servers state": FMAINT 0x01 (forced maint), CMAINT
   * 0x04 (maint from the configuration), FDRAIN 0x08 (forced drain).
   */
  public int flags(boolean configMaint) {
    int f = configMaint ? 0x04 : 0;
    return f | switch (this) {
      case READY -> 0;
      case DRAIN -> 0x08;
      case MAINT -> 0x01;
    };
  }
}
