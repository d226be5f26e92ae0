package lbchaos.report.model;

/**
 * One state over a stretch of a lane. VRRP states are spelled as RFC 9568 section 6.4 and
 * keepalived spell them: MASTER, BACKUP, INIT (Initialize), plus keepalived's FAULT and STOP.
 */
public record Segment(long fromMicros, long toMicros, String state) {

  public Segment {
    Checks.order(fromMicros, toMicros, "segment " + state);
    Checks.text(state, "segment state");
  }
}
