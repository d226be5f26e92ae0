package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import com.fasterxml.jackson.annotation.JsonTypeName;
import lbchaos.harness.history.History;
import lbchaos.verdict.Outcome;

/**
 * The checks, as static factories (like Testcontainers' {@code Wait}). Every limit is a
 * {@link Bound} computed from the configuration (lbchaos.harness.expect), never a literal here.
 */
public final class Checks {

  private Checks() {}

  /** Valid when every part is; figures are prefixed "part-name." and parts kept for reports. */
  public static Checker all(Checker... checks) {
    return all(List.of(checks));
  }

  public static Checker all(List<Checker> checks) {
    return new All(checks);
  }

  /** Valid when every part is; figures are prefixed "part-name." and parts kept for reports. */
  @JsonTypeName("all")
  record All(List<Checker> checks) implements Checker {
    All {
      if (checks.isEmpty()) {
        throw new IllegalArgumentException("all() needs at least one check");
      }
      checks = List.copyOf(checks);
    }

    @Override
    public Verdict check(History h) {
      List<Verdict> parts = checks.stream().map(c -> c.check(h)).toList();
      Map<String, Double> figures = new LinkedHashMap<>();
      parts.forEach(v -> v.figures().forEach((k, x) -> figures.put(v.name() + "." + k, x)));
      List<Verdict> failed = parts.stream().filter(v -> !v.passed()).toList();
      Outcome outcome = Outcome.of(parts.stream().map(Verdict::outcome).toList());
      String sentence = failed.isEmpty()
          ? "all " + parts.size() + " checks pass: " + parts.stream().map(Verdict::sentence)
              .collect(Collectors.joining("; "))
          : failed.size() + " of " + parts.size() + " checks "
              + (outcome == Outcome.FAIL ? "fail" : "are unknown") + ": " + failed.stream()
              .map(v -> v.name() + ": " + v.sentence()).collect(Collectors.joining("; "));
      return new Verdict("all", outcome, null, figures, null, sentence, parts);
    }
  }

  /** A check on the events with {@code from <= at < to} (microseconds). */
  @JsonTypeName("window")
  record Window(long fromMicros, long toMicros, Checker inner) implements Checker {
    @Override
    public Verdict check(History h) {
      if (toMicros < fromMicros) {
        // A scenario's bug, not the system's: no events can say anything, so no verdict.
        String name = inner.check(h.filter(e -> false)).name();
        return Verdict.unknown(name, Map.of(), "its window ends before it starts ("
            + (fromMicros - toMicros) / 1000 + " ms)");
      }
      return inner.check(h.between(fromMicros, toMicros));
    }
  }

  /** A verdict a scenario measured while it ran, kept as it was (see Intervals.Recorded). */
  public static Checker recorded(Verdict v) {
    return new Intervals.Recorded(v);
  }

  /** Outage around the first inject of {@code fault} ("*" or null: any fault). */
  public static Checker clientOutage(String fault, Bound bound) {
    return new OutageCheck(fault, bound);
  }

  /** Outage around the first fault in the history. */
  public static Checker clientOutage(Bound bound) {
    return new OutageCheck(null, bound);
  }

  public static Checker failedRequests(int max) {
    return ProbeChecks.failedRequests(max);
  }

  /** Every successful answer came from {@code webserver}; {@code why} says why only it. */
  public static Checker servedOnlyBy(String webserver, String why) {
    return new ProbeChecks.ServedOnlyBy(webserver, why);
  }

  /** Strict alternation of successful answers over the whole history. */
  public static Checker roundRobin() {
    return ProbeChecks.roundRobin();
  }

  /** Strict alternation of answers to probes started in [from, to) (microseconds). */
  public static Checker roundRobin(long fromMicros, long toMicros) {
    return ProbeChecks.roundRobin(fromMicros, toMicros);
  }

  /** Strict alternation where other clients took {@code foreignTurns} turns of the rotation. */
  public static Checker roundRobin(long fromMicros, long toMicros, int foreignTurns) {
    return ProbeChecks.roundRobin(fromMicros, toMicros, foreignTurns);
  }

  /** Strict alternation from a time on, e.g. a heal plus the rejoin bound. */
  public static Checker roundRobinFrom(long fromMicros) {
    return ProbeChecks.roundRobin(fromMicros, Long.MAX_VALUE);
  }

  /**
   * Shares of answers match {@code weights} (backend name as in answers -> weight) within the
   * binomial interval at {@code confidence}, e.g. 0.999.
   */
  public static Checker weightedShares(Map<String, Integer> weights, double confidence) {
    return new WeightedShares(weights, confidence);
  }

  /** From VipChange: no two holders longer than maxDual, no holder-less gap longer than maxGap. */
  public static Checker singleVipHolder(Bound maxDual, Bound maxGap) {
    return VipChecks.singleVipHolder(maxDual, maxGap);
  }

  /** From AdvertSeen: one advertiser per VRID apart from handovers no longer than maxOverlap. */
  public static Checker wireSingleMaster(Bound maxOverlap) {
    return WireChecks.wireSingleMaster(maxOverlap);
  }

  /** From AdvertSeen: split brain must be visible within detectWithin of the fault. */
  public static Checker wireSplitBrain(Bound maxOverlap, Bound detectWithin) {
    return WireChecks.wireSplitBrain(maxOverlap, detectWithin);
  }

  /** The proxies mark {@code server} DOWN within bound of the fault aimed at it. */
  public static Checker backendDown(String server, Bound bound) {
    return new BackendChecks(server, server, bound, false);
  }

  /** As above when the proxy's server name differs from the name in answers. */
  public static Checker backendDown(String server, String answerName, Bound bound) {
    return new BackendChecks(server, answerName, bound, false);
  }

  /** The proxies mark {@code server} UP within bound of the heal. */
  public static Checker backendRejoin(String server, Bound bound) {
    return new BackendChecks(server, server, bound, true);
  }

  public static Checker backendRejoin(String server, String answerName, Bound bound) {
    return new BackendChecks(server, answerName, bound, true);
  }

  /** {@code node} is the only VIP holder at the end of the history. */
  public static Checker expectedMaster(String node) {
    return VipChecks.expectedMaster(node, Optional.empty());
  }

  /** ... and took the VIP within bound of the last heal (preemption, preempt_delay). */
  public static Checker expectedMaster(String node, Bound withinAfterHeal) {
    return VipChecks.expectedMaster(node, Optional.of(withinAfterHeal));
  }

  /**
   * Soak invariants on the VIP: dual holders only inside a fault window and settled within
   * {@code settle} after its heal; never nobody for longer than {@code maxGap}.
   */
  public static Checker soakVip(Bound settle, Bound maxGap) {
    return new SoakVipCheck(settle, maxGap);
  }

  /** At least {@code floor} (0..1) of the probe's requests answered. */
  public static Checker successRate(double floor) {
    return new SuccessRate(floor);
  }

  @JsonTypeName("success-rate")
  record SuccessRate(double floor) implements Checker {
    SuccessRate {
      if (floor < 0 || floor > 1) {
        throw new IllegalArgumentException("success floor must be 0..1, got " + floor);
      }
    }

    @Override
    public Verdict check(History h) {
      var probes = h.probes();
      long ok = probes.stream().filter(lbchaos.event.ProbeSample::ok).count();
      double rate = probes.isEmpty() ? 0 : (double) ok / probes.size();
      var f = Figures.of().put("requests", probes.size()).put("answered", ok)
          .put("success_rate", rate).put("success_floor", floor).map();
      if (probes.isEmpty()) {
        return Verdict.unknown("success-rate", f, "no probe samples in the history: the"
            + " client's requests were not recorded");
      }
      return new Verdict("success-rate", rate >= floor, f,
          String.format(java.util.Locale.ROOT, "%d of %d requests answered (%.1f %%), floor"
              + " %.1f %%", ok, probes.size(), rate * 100, floor * 100));
    }
  }
}
