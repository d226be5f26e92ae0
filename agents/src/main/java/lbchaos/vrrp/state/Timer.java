package lbchaos.vrrp.state;

/** The timers the machine arms; each kind has at most one pending deadline. */
public enum Timer {
  /** RFC 5798 section 6.2 Adver_Timer: the master sends its next advert. */
  ADVERT,
  /** RFC 5798 section 6.2 Master_Down_Timer: a backup takes over. */
  MASTER_DOWN,
  /** keepalived's second gratuitous ARP burst (garp_master_delay, default 5 s). */
  GARP_REPEAT,
  /**
   * keepalived's second burst after a lower priority advert (garp_lower_prio_delay); the
   * earliest of the pending ones, {@link Snapshot#lowerPrioGarps()}.
   */
  LOWER_PRIO_GARP
}
