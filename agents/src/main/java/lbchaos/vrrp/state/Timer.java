package lbchaos.vrrp.state;

/** The timers the machine arms; each kind has at most one pending deadline. */
public enum Timer {
  /** RFC 5798 section 6.2 Adver_Timer: the master sends its next advert. */
  ADVERT,
  /** RFC 5798 section 6.2 Master_Down_Timer: a backup takes over. */
  MASTER_DOWN,
  /** keepalived's second gratuitous ARP burst (garp_master_delay, default 5 s). */
  GARP_REPEAT
}
