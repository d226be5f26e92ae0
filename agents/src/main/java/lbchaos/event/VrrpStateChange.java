package lbchaos.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A VRRP instance on a node changed state, as its daemon reports it.
 *
 * @param takeover when a backup's master down timer made it master, how late the timer ran and
 *     when its first advert left; null otherwise, and from every source that does not know
 *     (keepalived's log, a History written before it). Omitted from the JSON when null, so the
 *     lines of every other change are the same bytes as before and an older reader ignores it.
 */
public record VrrpStateChange(long at, String source, String instance, VrrpRole from, VrrpRole to,
    String reason, @JsonInclude(JsonInclude.Include.NON_NULL) Takeover takeover)
    implements Event {

  public enum VrrpRole { INIT, BACKUP, MASTER, FAULT, STOP }

  /** A change without takeover timings: every source but the agent's master down timer. */
  public VrrpStateChange(long at, String source, String instance, VrrpRole from, VrrpRole to,
      String reason) {
    this(at, source, instance, from, to, reason, null);
  }

  /**
   * The agent's own clock readings of a takeover by its master down timer (issue 22 item 3: an
   * excess on the wire is the timer's lateness, the send path after it, or the rest, the last
   * advert's way in and the first one's way out). Microseconds since the epoch, on the agent's
   * clock, which the wire's timestamps share (one kernel).
   *
   * @param dueAt when the Master_Down_Timer was due: the last advert's receipt plus the
   *     Master_Down_Interval
   * @param firedAt when the agent's timer thread first ran it
   * @param advertAt when the first advert as master had been handed to the kernel
   */
  public record Takeover(long dueAt, long firedAt, long advertAt) {

    public Takeover {
      if (advertAt < firedAt) {
        throw new IllegalArgumentException("the first advert (" + advertAt
            + ") precedes the timer that made it (" + firedAt + ")");
      }
    }

    /** How late the timer ran against its due time; negative if it ran early. */
    public long timerLateMicros() {
      return firedAt - dueAt;
    }

    /** From the timer's run to the first advert sent: the VIPs, the advert's send. */
    public long toAdvertMicros() {
      return advertAt - firedAt;
    }
  }
}
