package lbchaos.harness.expect;

import lbchaos.verdict.Tolerance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import lbchaos.verdict.Bound;

/**
 * Bounds computed from the configuration, for the checks. Pure functions of timing records; the
 * config parsers live elsewhere. Every Bound carries its derivation so a verdict can show it.
 */
public final class Expectations {

  private static final long MICROS_PER_SECOND = 1_000_000;

  /** RFC 5798 section 6.1: Master_Down_Interval is three advertisement intervals plus skew. */
  private static final int DOWN_INTERVAL_ADVERTS = 3;

  /** RFC 5798 section 5.2.4: the address owner's priority; keepalived ignores weights there. */
  public static final int OWNER_PRIORITY = 255;

  private Expectations() {}

  /**
   * The advert interval keepalived 2.2.7 actually uses: under VRRPv2 the field is whole seconds
   * (RFC 3768 section 5.3.7), so it rounds a fractional advert_int to the nearest second, at least
   * 1 s, and logs "must be an integer. rounding". VRRPv3 keeps centiseconds (RFC 5798 5.2.7).
   */
  public static Duration effectiveAdvert(VrrpTiming t) {
    if (t.version() == 3) {
      long centis = Math.max(1, t.advertInterval().toMillis() / 10);
      return Duration.ofMillis(centis * 10);
    }
    long ms = t.advertInterval().toMillis();
    long secs = Math.max(1, (ms + 500) / 1000);
    return Duration.ofSeconds(secs);
  }

  /**
   * Skew_Time. VRRPv2 (RFC 3768 section 6.1): (256 - priority) / 256 seconds. VRRPv3 (RFC 5798
   * section 6.1): ((256 - priority) * Master_Adver_Interval) / 256, so it shrinks with the
   * interval. Computed in whole microseconds, truncating, as keepalived does.
   */
  public static Duration skew(VrrpTiming t, int priority) {
    long num = 256L - priority;
    long micros = t.version() == 2 ? num * MICROS_PER_SECOND / 256
        : num * (effectiveAdvert(t).toNanos() / 1_000) / 256;
    return Duration.ofNanos(micros * 1_000);
  }

  public static Duration skew(VrrpTiming t) {
    return skew(t, t.priority());
  }

  /**
   * Master_Down_Interval of the backup {@code t} describes: how long after the master's last
   * advert it takes over when the master dies silently (kill, network cut).
   */
  public static Bound masterDownInterval(VrrpTiming backup) {
    Duration adv = effectiveAdvert(backup);
    Duration skew = skew(backup);
    String rounding = backup.version() == 2 && !adv.equals(backup.advertInterval())
        ? " (VRRPv2 rounds advert_int " + secs(backup.advertInterval()) + " to " + secs(adv) + ")"
        : "";
    return new Bound(adv.multipliedBy(DOWN_INTERVAL_ADVERTS).plus(skew),
        DOWN_INTERVAL_ADVERTS + " x " + secs(adv) + " advert" + rounding + " + " + secs(skew)
            + " skew (v" + backup.version() + ", priority " + backup.priority() + ")");
  }

  /**
   * Takeover after a graceful stop: the leaving master sends priority 0 and a backup then waits
   * only Skew_Time (RFC 5798 section 6.4.2, "If the Priority is zero, set Master_Down_Timer to
   * Skew_Time").
   */
  public static Bound gracefulStopTakeover(VrrpTiming backup) {
    Duration skew = skew(backup);
    return new Bound(skew, secs(skew) + " skew (priority-0 advert on graceful stop, v"
        + backup.version() + ", priority " + backup.priority() + ")");
  }

  /**
   * When a higher-priority node with preempt comes back: it starts as backup, discards the lower
   * priority adverts, and takes over when its down timer runs out, after any preempt_delay.
   * A preempt_delay runs from the first lower-priority advert, one interval at most after start.
   * Empty with nopreempt: it never takes over on its own.
   */
  public static Optional<Bound> preemptTakeover(VrrpTiming returning) {
    if (!returning.preempt()) {
      return Optional.empty();
    }
    Bound down = masterDownInterval(returning);
    if (returning.preemptDelay().isZero()) {
      return Optional.of(down);
    }
    // keepalived starts the delay at the first lower-priority advert it receives, not at its
    // own start (vrrp.c, preempt_time): that advert can come up to one interval later.
    Duration adv = effectiveAdvert(returning);
    return Optional.of(new Bound(adv.plus(returning.preemptDelay()), secs(adv)
        + " until the first lower-priority advert + " + secs(returning.preemptDelay())
        + " preempt_delay").plus(down));
  }

  /**
   * keepalived 2.2.7's effective priority: base priority, plus each positive weight whose script
   * succeeds, minus each negative weight whose script fails, clamped to 1..254
   * (vrrp_set_effective_priority). At priority 255 (address owner) keepalived drops weighted
   * track scripts at start-up ("ignoring tracked script ... with weights due to address_owner"),
   * so the priority stays 255 whatever the scripts do. A failing weight-0 script means FAULT.
   * A reversed entry ({@code weight N reverse}, keepalived 2.2's weight multiplier -1) counts the
   * other way round once its script has reported: its weight is subtracted where it would be
   * added, and weight 0 is FAULT while the script succeeds.
   */
  public static EffectivePriority effectivePriority(VrrpTiming t, Set<String> failing) {
    return effectivePriority(t.priority(), t.tracks(), failing);
  }

  /** {@link #effectivePriority(VrrpTiming, Set)} from a priority and its track_script entries. */
  public static EffectivePriority effectivePriority(int priority, List<TrackWeight> tracks,
      Set<String> failing) {
    boolean fault = tracks.stream()
        .anyMatch(w -> w.weight() == 0 && failing.contains(w.script()) != w.reverse());
    if (priority == OWNER_PRIORITY) {
      boolean weighted = tracks.stream().anyMatch(w -> w.weight() != 0);
      return new EffectivePriority(OWNER_PRIORITY, fault, "priority 255 (address owner)"
          + (weighted ? ": keepalived ignores track_script weights" : ""));
    }
    int total = priority;
    List<String> steps = new ArrayList<>();
    for (TrackWeight w : tracks) {
      boolean fails = failing.contains(w.script());
      if ((w.weight() > 0 && !fails) || (w.weight() < 0 && fails)) {
        int applied = w.reverse() ? -w.weight() : w.weight();
        total += applied;
        steps.add((applied > 0 ? "+" : "") + applied + " (" + w.script()
            + (fails ? " failing" : " ok") + (w.reverse() ? ", reverse" : "") + ")");
      }
    }
    int clamped = Math.clamp(total, 1, OWNER_PRIORITY - 1);
    String how = "priority " + priority + (steps.isEmpty() ? "" : " " + String.join(" ",
        steps)) + (clamped != total ? " = " + total + ", clamped to " + clamped : "");
    return new EffectivePriority(clamped, fault, how);
  }

  /**
   * Worst case from a tracked script's subject failing to keepalived counting the script failed
   * (vrrp_scheduler.c, 2.2.7: vrrp_script_thread). A run starts every interval, and is skipped
   * while the previous one is still running or being timed out; a run that hangs is killed and
   * failed after its timeout; the script is failed at the fall-th consecutive failure:
   *
   * <pre>
   *   worst = interval                       the fault lands just after a run started and passed
   *         + (fall-1) x (cost + interval)   each failing run, then the tick it may have to skip
   *         + cost                           the fall-th failing run
   *   cost  = timeout for a run that hangs (no answer), 0 for one that fails at once (refused)
   * </pre>
   */
  public static Bound scriptDown(ScriptTiming s, CheckFailure mode) {
    Duration cost = mode == CheckFailure.REFUSED ? Duration.ZERO : s.timeout();
    Duration worst = s.interval().plus(cost.plus(s.interval()).multipliedBy(s.fall() - 1L))
        .plus(cost);
    return new Bound(worst, secs(s.interval()) + " script interval + " + (s.fall() - 1) + " x ("
        + secs(cost) + " " + (cost.isZero() ? "immediate failure" : "timeout") + " + "
        + secs(s.interval()) + " interval) + " + secs(cost) + " (fall " + s.fall()
        + ", worst case)");
  }

  /**
   * Worst case from a failed script's subject coming back to keepalived counting it succeeded: a
   * run already hanging when the heal lands still fails at its timeout, then rise passing runs,
   * one per interval.
   */
  public static Bound scriptUp(ScriptTiming s) {
    Duration worst = s.timeout().plus(s.interval().multipliedBy(s.rise()));
    return new Bound(worst, secs(s.timeout()) + " in-flight run + " + s.rise() + " x "
        + secs(s.interval()) + " interval (rise " + s.rise() + ", worst case)");
  }

  /**
   * From a tracked script's subject failing on the master to the backup holding the VIP, or
   * empty when the script's failure cannot move it: the master's effective priority with the
   * script failing stays at or above the backup's (at 255 keepalived ignores the weight), or the
   * backup does not preempt. Otherwise the master keeps advertising, at the lower priority; a
   * preempting backup discards those adverts (RFC 5798 section 6.4.2) and takes over when its
   * Master_Down_Timer runs out.
   */
  public static Optional<Bound> scriptFailover(ScriptTiming script, CheckFailure mode,
      VrrpTiming master, VrrpTiming backup) {
    EffectivePriority failing = effectivePriority(master, Set.of(script.name()));
    if (!failing.fault() && (failing.value() >= backup.priority() || !backup.preempt())) {
      return Optional.empty();
    }
    Bound detect = scriptDown(script, mode);
    if (failing.fault()) {
      // FAULT state: the master stops advertising and gives the address up at once.
      return Optional.of(detect.plus(gracefulStopTakeover(backup)));
    }
    return Optional.of(detect.plus(new Bound(Duration.ZERO, failing.derivation()))
        .plus(masterDownInterval(backup)));
  }

  /**
   * How long one failing check takes before haproxy counts it (src/tcpcheck.c, 2.6): a refused
   * connection fails at once; a connection that gets no answer may take min(inter, timeout
   * connect) when both "timeout check" and "timeout connect" are set, else inter; a connection
   * that gets no response waits "timeout check" when set, else what is left of inter.
   */
  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static Duration checkCost(CheckTiming c, CheckFailure mode) {
    return switch (mode) {
      case REFUSED, WRONG_ANSWER -> Duration.ZERO;
      case CONNECT_TIMEOUT -> c.timeoutCheck() != null && c.timeoutConnect() != null
          ? min(c.inter(), c.timeoutConnect()) : c.inter();
      // haproxy 2.x (tcpcheck.c, tcpcheck_eval_connect) moves the check's expiry to "timeout
      // check" only when the connect completes at once; when it completes asynchronously the
      // expiry set at the check's start, min(inter, timeout connect), stays. Both happen on a
      // bridge (measured: 501 ms and 1001 ms checks with 500 ms / 1 s), so the worst is the max.
      case RESPONSE_TIMEOUT -> c.timeoutCheck() == null ? c.inter()
          : max(c.timeoutCheck(), c.timeoutConnect() == null ? c.inter()
              : min(c.inter(), c.timeoutConnect()));
    };
  }

  /**
   * Worst case from a backend failing to haproxy marking it DOWN.
   *
   * <p>haproxy schedules the next check an interval after the previous one completes
   * (check.c: expire = now + srv_getinter()). A healthy server is checked every inter; once a
   * check has failed the server is "in transition" and the next ones come every fastinter
   * (srv_getinter, server.c); the server goes DOWN at the fall-th consecutive failure. So:
   *
   * <pre>
   *   worst = inter            the backend dies just after a passed check; wait for the next
   *         + fall x cost      each of the fall failing checks takes its timeout (0 if refused)
   *         + (fall-1) x fastinter   the gaps between the failing checks
   *   best  = fall x cost + (fall-1) x fastinter   (it dies just before a check starts)
   * </pre>
   */
  public static Bound backendDown(CheckTiming c, CheckFailure mode) {
    Duration cost = checkCost(c, mode);
    Duration worst = c.inter().plus(cost.multipliedBy(c.fall()))
        .plus(c.fastinter().multipliedBy(c.fall() - 1L));
    return new Bound(worst, secs(c.inter()) + " inter + " + c.fall() + " x " + secs(cost) + " "
        + mode.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " check + " + (c.fall() - 1)
        + " x " + secs(c.fastinter()) + " fastinter (fall " + c.fall() + ", worst case)");
  }

  /** Best case of {@link #backendDown}, for reports. */
  public static Duration backendDownBest(CheckTiming c, CheckFailure mode) {
    return checkCost(c, mode).multipliedBy(c.fall())
        .plus(c.fastinter().multipliedBy(c.fall() - 1L));
  }

  /**
   * Worst case from the backend coming back to haproxy marking it UP. A DOWN server is checked
   * every downinter; after the first pass it is in transition and checked every fastinter; it is
   * UP at the rise-th consecutive pass. A check already waiting on a timeout when the heal lands
   * still fails, so it costs one more check duration first:
   *
   * <pre>
   *   worst = cost (in-flight failing check) + downinter + (rise-1) x fastinter
   * </pre>
   */
  public static Bound backendRejoin(CheckTiming c, CheckFailure mode) {
    Duration cost = checkCost(c, mode);
    Duration worst = cost.plus(c.downinter()).plus(c.fastinter().multipliedBy(c.rise() - 1L));
    return new Bound(worst, (cost.isZero() ? "" : secs(cost) + " in-flight check + ")
        + secs(c.downinter()) + " downinter + " + (c.rise() - 1) + " x " + secs(c.fastinter())
        + " fastinter (rise " + c.rise() + ", worst case)");
  }

  /** A bound widened by a stated tolerance. */
  public static Bound withTolerance(Bound b, Tolerance t) {
    return t.applyTo(b);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** "1 s", "0.008 s", "0.1 s": milliseconds are enough for a person; finer only below 1 ms. */
  static String secs(Duration d) {
    double x = d.toNanos() / 1e9;
    return (x != 0 && Math.abs(x) < 0.001 ? num(x, 6) : num(x, 3)) + " s";
  }

  static String num(double x) {
    return num(x, 3);
  }

  private static String num(double x, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", x).replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
