package lbchaos.harness.scenario;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.event.ProbeSample;
import lbchaos.event.VrrpStateChange;
import lbchaos.verdict.Bound;
import lbchaos.harness.topology.Lab;

/** The conditions scenarios wait on, each with a bound computed from the config. */
public final class Waits {

  /** keepalived and haproxy need a moment to start before anything else can happen. */
  static final Duration DAEMON_START = Duration.ofSeconds(10);

  /**
   * How long a fresh topology may take to answer through the VIP with every webserver. A cap,
   * not a verdict: a healthy start returns as soon as it is seen. With one core's worth of the
   * two taken by `bench --contention`'s hog, the java stack's start took longer than
   * {@link #DAEMON_START}.
   */
  static final Duration READY_CAP = Duration.ofSeconds(30);

  private Waits() {}

  /**
   * The VIP on exactly one LB and an answer through it, with VRRP settled: the healthy start of
   * every scenario.
   */
  public static String ready(Session s, Bound masterDown) {
    return ready(s, masterDown, names(s.lab().webservers()));
  }

  /** As above, for a topology without a session (the benchmark's start-up figures). */
  public static String ready(Lab lab, Bound masterDown) {
    return ready(lab, masterDown, names(lab.webservers()));
  }

  private static java.util.Set<String> names(List<lbchaos.harness.topology.Node> nodes) {
    return new java.util.HashSet<>(nodes.stream().map(n -> n.name()).toList());
  }

  /**
   * Healthy, where only {@code serving} answer through the VIP while all are up (the others are
   * backup servers).
   */
  static String ready(Session s, Bound masterDown, java.util.Set<String> serving) {
    ready(s.lab(), masterDown, serving);
    return settledHolder(s, masterDown.value());
  }

  /**
   * The VIP's one holder once VRRP has settled ({@link #settled}). A single holder with answers
   * through it is not yet a settled start: a higher-priority LB whose daemon started late (or
   * that sits in BACKUP until its master down timer preempts a lower one) takes the VIP a moment
   * later, and a fault aimed at the holder found before then hits the wrong node (a graceful
   * stop of loadbalancer-2 while loadbalancer-1 preempted it, seen once in a nightly).
   */
  private static String settledHolder(Session s, Duration quiet) {
    List<String> lbs = s.lab().lbs().stream().map(n -> n.name()).toList();
    java.util.concurrent.atomic.AtomicReference<String> holder =
        new java.util.concurrent.atomic.AtomicReference<>();
    await("VRRP settled: a state from every LB of " + lbs + ", the VIP on the one MASTER, and no"
        + " other LB changing state for " + quiet).atMost(quiet.plus(READY_CAP))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          var h = s.lab().vipHolders();
          holder.set(h.size() == 1
              && settled(s.recorded(), lbs, h.getFirst(), quiet, Events.nowMicros())
              ? h.getFirst() : null);
          return holder.get() != null;
        });
    return holder.get();
  }

  /**
   * Whether VRRP has settled on {@code holder} by {@code nowMicros}: every LB has reported a
   * state, the holder's last one is MASTER, and no other LB has changed state within
   * {@code quiet} (the master down interval). An LB that entered BACKUP with a higher priority
   * than the master's preempts when its master down timer expires, and one whose daemon is
   * still starting has reported nothing; both fail this, so the holder is one that stays.
   */
  static boolean settled(lbchaos.harness.history.History recorded, List<String> lbs,
      String holder, Duration quiet, long nowMicros) {
    // The last change of each instance on each LB (an LB may run several instances).
    java.util.Map<List<String>, VrrpStateChange> last = new java.util.HashMap<>();
    for (VrrpStateChange c : recorded.of(VrrpStateChange.class)) {
      last.merge(List.of(c.source(), c.instance()), c, (a, b) -> b.at() >= a.at() ? b : a);
    }
    long since = nowMicros - quiet.toNanos() / 1000;
    java.util.Set<String> reported = new java.util.HashSet<>();
    boolean holderMaster = false;
    for (VrrpStateChange c : last.values()) {
      reported.add(c.source());
      if (c.source().equals(holder)) {
        holderMaster |= c.to() == VrrpStateChange.VrrpRole.MASTER;
      } else if (c.at() > since) {
        return false;
      }
    }
    return holderMaster && reported.containsAll(lbs);
  }

  private static String ready(Lab lab, Bound masterDown, java.util.Set<String> want) {
    Duration atMost = masterDown.value().plus(READY_CAP);
    // One docker exec asks through the VIP until every webserver in rotation has answered, not
    // just one; a team's page does not say which webserver sent it, so there an answer through
    // the VIP is all that can be seen (each webserver answered on its own before the LBs
    // started). No wait for the VIP's holder first: nothing answers through the VIP before
    // someone holds it, and the holder is asked once, after (an exec per LB), rather than
    // before and after each poll.
    java.util.Set<String> wanted = lab.spec().webserversNamed() ? want : java.util.Set.of();
    Lab.VipAnswers seen = lab.answerUntil(new java.util.TreeSet<>(wanted), atMost);
    if (!seen.complete()) {
      throw new org.awaitility.core.ConditionTimeoutException((wanted.isEmpty()
          ? "an answer through the VIP"
          : "every webserver of " + want + " answering through the VIP (seen "
              + seen.backends() + ")") + " within " + atMost);
    }
    // On a busy machine the VIP can still move after the answers: its one holder, once there is
    // exactly one.
    return singleHolder(lab, atMost);
  }

  /** The one LB holding the VIP, once exactly one does (never a list that emptied meanwhile). */
  static String singleHolder(Lab lab, Duration atMost) {
    java.util.concurrent.atomic.AtomicReference<String> holder =
        new java.util.concurrent.atomic.AtomicReference<>();
    // Asked at once: Awaitility's first poll otherwise waits a whole poll interval.
    await("the VIP on exactly one LB").atMost(atMost).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          var h = lab.vipHolders();
          holder.set(h.size() == 1 ? h.getFirst() : null);
          return holder.get() != null;
        });
    return holder.get();
  }

  /** {@code lb} alone holds the VIP (it came back and took it again, say). */
  static void holder(Session s, String lb, Duration atMost) {
    await(lb + " alone holding the VIP").atMost(atMost).pollInterval(Duration.ofMillis(200))
        .until(() -> s.lab().vipHolders().equals(List.of(lb)));
  }

  /** At least {@code n} more successful answers than now, at the probe's rate plus slack. */
  public static void answers(Session s, int n, ProbeSpec p) {
    int start = s.answers().size();
    Duration atMost = p.interval().multipliedBy(n * 3L).plus(DAEMON_START);
    await(n + " answers through the VIP").atMost(atMost).pollInterval(Duration.ofMillis(100))
        .until(() -> s.answers().size() >= start + n);
  }

  /** At least {@code n} successful answers to probes started after {@code fromMicros}. */
  static void answersAfter(Session s, int n, long fromMicros, ProbeSpec p) {
    Duration ahead = Duration.ofNanos(Math.max(0, fromMicros - Events.nowMicros()) * 1000);
    await(n + " answers through the VIP").atMost(ahead.plus(p.interval().multipliedBy(n * 3L))
        .plus(DAEMON_START)).pollInterval(Duration.ofMillis(100))
        .until(() -> s.history().probes().stream().filter(x -> x.at() >= fromMicros && x.ok())
            .count() >= n);
  }

  /** {@code n} consecutive answers, all from {@code backend}, seen after {@code fromMicros}. */
  static void onlyFrom(Session s, String backend, int n, long fromMicros, Bound bound) {
    await(n + " answers in a row from " + backend).atMost(bound.value())
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          List<ProbeSample> ok = s.history().probes().stream()
              .filter(p -> p.at() >= fromMicros && p.ok()).toList();
          if (ok.size() < n) {
            return false;
          }
          return ok.subList(ok.size() - n, ok.size()).stream()
              .allMatch(p -> backend.equals(p.backend()));
        });
  }

  /** {@code n} consecutive answers, none from {@code backend}, seen after {@code fromMicros}. */
  static void noneFrom(Session s, String backend, int n, long fromMicros, Bound bound) {
    await(n + " answers in a row from others than " + backend).atMost(bound.value())
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          List<ProbeSample> ok = s.history().probes().stream()
              .filter(p -> p.at() >= fromMicros && p.ok()).toList();
          return ok.size() >= n && ok.subList(ok.size() - n, ok.size()).stream()
              .noneMatch(p -> backend.equals(p.backend()));
        });
  }

  /**
   * Every LB's proxy reported {@code server} down ({@code up} false) or up after
   * {@code fromMicros}. The proxies check on their own schedules: one of them reporting says
   * nothing about the one serving the VIP. Healing after the first DOWN (the backup's, say)
   * left the serving proxy with the server never marked down, hence no rejoin to time.
   */
  public static void serverState(Session s, String server, boolean up, long fromMicros,
      Bound bound) {
    java.util.Set<String> lbs = new java.util.HashSet<>(s.lab().lbs().stream()
        .map(n -> n.name()).toList());
    await(server + (up ? " marked UP" : " marked DOWN") + " by every proxy " + lbs)
        .atMost(bound.value()).pollInterval(Duration.ofMillis(100))
        .until(() -> s.history().of(lbchaos.event.ServerState.class).stream()
            .filter(e -> e.at() >= fromMicros && e.server().equals(server) && e.up() == up)
            .map(e -> e.source()).collect(java.util.stream.Collectors.toSet()).containsAll(lbs));
  }

  /** An answer from {@code backend} after {@code fromMicros}. */
  static void answerFrom(Session s, String backend, long fromMicros, Bound bound) {
    await("an answer from " + backend).atMost(bound.value()).pollInterval(Duration.ofMillis(100))
        .until(() -> s.history().probes().stream()
            .anyMatch(p -> p.at() >= fromMicros && backend.equals(p.backend())));
  }
}
