package lbchaos.vrrp.state;

/** RFC 5798 section 6.4 states, plus keepalived's FAULT (a failed track script). */
public enum State { INITIALIZE, BACKUP, MASTER, FAULT }
