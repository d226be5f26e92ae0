package lbchaos.harness.scenario;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import lbchaos.event.Events;
import lbchaos.event.ProbeSample;
import lbchaos.event.VrrpStateChange;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.history.History;
import lbchaos.verdict.Bound;
import lbchaos.harness.topology.Lab;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VrrpInstance;

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
    // On a busy machine the VIP can still move after the answers: its one holder, once there is
    // exactly one.
    return singleHolder(lab, answering(lab, masterDown, names(lab.webservers())));
  }

  private static java.util.Set<String> names(List<lbchaos.harness.topology.Node> nodes) {
    return new java.util.HashSet<>(nodes.stream().map(n -> n.name()).toList());
  }

  /**
   * Healthy, where only {@code serving} answer through the VIP while all are up (the others are
   * backup servers).
   */
  static String ready(Session s, Bound masterDown, java.util.Set<String> serving) {
    answering(s.lab(), masterDown, serving);
    return settledHolder(s, readyQuiet(masterDown.value()));
  }

  /** How long no LB that may preempt the holder must have changed state for a start to count. */
  static Duration readyQuiet(Duration masterDown) {
    return masterDown.plus(PREEMPT_MARGIN);
  }

  /**
   * How much longer than the master down interval a start must stay quiet to count as settled.
   * A backup that may preempt runs that interval from its own BACKUP, and its takeover shows in
   * the History a little after the interval's end: with a quiet window of exactly the interval,
   * graceful-stop's start was once taken as settled 19 ms before loadbalancer-1 preempted, and
   * the stop hit the LB that was no longer master (SemanticsSuiteIT, session 31).
   */
  static final Duration PREEMPT_MARGIN = Duration.ofMillis(500);

  /**
   * The VIP's one holder once VRRP has settled ({@link #settled}). A single holder with answers
   * through it is not yet a settled start: a higher-priority LB whose daemon started late (or
   * that sits in BACKUP until its master down timer preempts a lower one) takes the VIP a moment
   * later, and a fault aimed at the holder found before then hits the wrong node (a graceful
   * stop of loadbalancer-2 while loadbalancer-1 preempted it, seen once in a nightly).
   */
  private static String settledHolder(Session s, Duration quiet) {
    List<String> lbs = s.lab().lbs().stream().map(n -> n.name()).toList();
    Map<String, VrrpInstance> vrrp = firstInstances(s.lab());
    java.util.concurrent.atomic.AtomicReference<String> holder =
        new java.util.concurrent.atomic.AtomicReference<>();
    await("VRRP settled: a state from every LB of " + lbs + ", the VIP on the one MASTER, and no"
        + " LB that may preempt it changing state for " + quiet).atMost(quiet.plus(READY_CAP))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          var h = s.lab().vipHolders();
          holder.set(h.size() == 1 && settled(s.recorded(), lbs, h.getFirst(),
              outranked(vrrp, h.getFirst()), quiet, Events.nowMicros()) ? h.getFirst() : null);
          return holder.get() != null;
        });
    return holder.get();
  }

  /**
   * Each LB's first vrrp_instance (the VIP's, as {@link ScenarioBounds} reads it), parsed from
   * the keepalived.conf the LB runs; an LB whose file does not parse on its own here (an include
   * the container resolves) is left out, and is then waited for as one that may preempt.
   */
  private static Map<String, VrrpInstance> firstInstances(Lab lab) {
    Map<String, VrrpInstance> out = new HashMap<>();
    String path = ReferenceConfigs.KEEPALIVED_PATH;
    for (var n : lab.lbs()) {
      n.spec().file(path).ifPresent(text -> {
        try {
          KeepalivedParser.parse(Path.of(path), text).instances().stream().findFirst()
              .ifPresent(i -> out.put(n.name(), i));
        } catch (RuntimeException e) {
          // not parsed: treated as able to preempt
        }
      });
    }
    return out;
  }

  /**
   * The LBs that cannot take the VIP from {@code holder} by preemption: a lower configured
   * priority, or nopreempt. Track weights are left out: a check failing later moves the VIP
   * whenever it fails, which is the scenario's business, not the start's.
   */
  static Set<String> outranked(Map<String, VrrpInstance> vrrp, String holder) {
    var h = vrrp.get(holder);
    Set<String> out = new HashSet<>();
    if (h != null) {
      vrrp.forEach((lb, i) -> {
        if (!lb.equals(holder) && (i.priority() < h.priority() || !i.preempt())) {
          out.add(lb);
        }
      });
    }
    return out;
  }

  /**
   * Whether VRRP has settled on {@code holder} by {@code nowMicros}: every LB has reported a
   * state, the holder's last one is MASTER in some instance, and no other LB that may preempt it
   * (not in {@code outranked}) has changed state within {@code quiet} (the master down
   * interval). An LB that entered BACKUP with a higher priority than the master's preempts when
   * its master down timer expires, and one whose daemon is still starting has reported nothing;
   * both fail this, so the holder is one that stays.
   */
  static boolean settled(History recorded, List<String> lbs,
      String holder, Set<String> outranked, Duration quiet, long nowMicros) {
    // The last change of each instance on each LB (an LB may run several instances).
    Map<List<String>, VrrpStateChange> last = new HashMap<>();
    for (VrrpStateChange c : recorded.of(VrrpStateChange.class)) {
      last.merge(List.of(c.source(), c.instance()), c, (a, b) -> b.at() >= a.at() ? b : a);
    }
    long since = nowMicros - quiet.toNanos() / 1000;
    Set<String> reported = new HashSet<>();
    boolean holderMaster = false;
    for (VrrpStateChange c : last.values()) {
      reported.add(c.source());
      if (c.source().equals(holder)) {
        holderMaster |= c.to() == VrrpStateChange.VrrpRole.MASTER;
      } else if (c.at() > since && !outranked.contains(c.source())) {
        return false;
      }
    }
    return holderMaster && reported.containsAll(lbs);
  }

  /**
   * Waits until every webserver of {@code want} has answered through the VIP; the bound it
   * waited by, which the holder's wait after it takes too.
   */
  private static Duration answering(Lab lab, Bound masterDown, java.util.Set<String> want) {
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
    return atMost;
  }

  /**
   * True when the condition held within {@code atMost}; false (no exception) otherwise: for what
   * a test reports either way, where a timeout is an outcome rather than an error.
   */
  public static boolean tryAwait(String what, Duration atMost,
      java.util.concurrent.Callable<Boolean> c) {
    try {
      await(what).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(c);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
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
    answersUntil(s, n, n, since -> true, p, n + " answers through the VIP");
  }

  /**
   * At least {@code min} more answers, and then more until {@code shown} holds of those since
   * the call; at most {@code max}, where it returns with {@code shown} still false (the check
   * that reads the same answers then fails).
   */
  static void answersUntil(Session s, int min, int max, Predicate<List<ProbeSample>> shown,
      ProbeSpec p) {
    answersUntil(s, min, max, shown, p, min + " answers through the VIP, then up to " + max
        + " until they show the fault");
  }

  private static void answersUntil(Session s, int min, int max,
      Predicate<List<ProbeSample>> shown, ProbeSpec p, String what) {
    int start = s.answers().size();
    Duration atMost = p.interval().multipliedBy(max * 3L).plus(DAEMON_START);
    await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
      List<ProbeSample> all = s.answers();
      List<ProbeSample> since = all.subList(start, all.size());
      return since.size() >= max || since.size() >= min && shown.test(since);
    });
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
