package lbchaos.harness.check;

import lbchaos.harness.history.History;
import lbchaos.verdict.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lbchaos.event.ProbeSample;

/** Checks over the client's probe samples alone. */
final class ProbeChecks {

  private ProbeChecks() {}

  static Checker failedRequests(int max) {
    return new FailedRequests(max);
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("failed-requests")
  record FailedRequests(int max) implements Checker {
    FailedRequests {
      if (max < 0) {
        throw new IllegalArgumentException("max failed requests must be >= 0, got " + max);
      }
    }

    @Override
    public Verdict check(History h) {
        List<ProbeSample> probes = h.probes();
        List<ProbeSample> failed = probes.stream().filter(p -> !p.ok()).toList();
        Map<ProbeSample.ErrorKind, Long> kinds = failed.stream().collect(Collectors.groupingBy(
            ProbeSample::error, () -> new EnumMap<>(ProbeSample.ErrorKind.class),
            Collectors.counting()));
        if (probes.isEmpty()) {
          return Verdict.unknown("failed-requests", Figures.of().put("max_failed_requests", max)
              .map(), "no probe samples in the history: the client's requests were not recorded");
        }
        boolean ok = failed.size() <= max;
        String detail = kinds.isEmpty() ? "" : " (" + kinds.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
            .collect(Collectors.joining(", ")) + ")";
        return new Verdict("failed-requests", ok, Figures.of()
            .put("failed_requests", failed.size()).put("max_failed_requests", max)
            .put("requests", probes.size()).map(),
            failed.size() + " of " + probes.size() + " requests failed" + detail + ", at most "
                + max + " allowed");
    }
  }

  /**
   * Every successful answer came from {@code webserver}: the others took no turn (a backup
   * server while an active one is UP, say). No answer at all is unknown, not a pass.
   *
   * @param why why only this one may answer, for the verdict's sentence
   */
  @com.fasterxml.jackson.annotation.JsonTypeName("served-only-by")
  record ServedOnlyBy(String webserver, String why) implements Checker {
    @Override
    public Verdict check(History h) {
      List<ProbeSample> ok = h.probes().stream().filter(ProbeSample::ok).toList();
      Map<String, Long> others = ok.stream().filter(q -> !webserver.equals(q.backend()))
          .collect(Collectors.groupingBy(q -> String.valueOf(q.backend()), java.util.TreeMap::new,
              Collectors.counting()));
      long foreign = others.values().stream().mapToLong(Long::longValue).sum();
      var figures = Figures.of().put("answers", ok.size()).put("answers_from_others", foreign)
          .map();
      if (ok.isEmpty()) {
        return Verdict.unknown("served-only-by", figures, "no answer in the window: nothing"
            + " tells whether only " + webserver + " served (" + why + ")");
      }
      return new Verdict("served-only-by", foreign == 0, figures, ok.size() + " answers, "
          + (foreign == 0 ? "all from " + webserver : foreign + " from others than " + webserver
              + " " + others) + "; only " + webserver + " may serve: " + why);
    }
  }

  /**
   * Strict round robin over successful probes: with k distinct backends, the first k answers are
   * all different and every later answer repeats the one k places before. This is what haproxy's
   * roundrobin with equal weights gives a single sequential client opening a new connection per
   * request; concurrent clients interleave and need {@link WeightedShares} instead.
   */
  static Checker roundRobin(long fromMicros, long toMicros) {
    return roundRobin(fromMicros, toMicros, 0);
  }

  /**
   * As above, allowing {@code foreignTurns} breaks: each request another client sends through
   * the same proxy (the article's check script curls the VIP every few seconds) takes one turn
   * of the rotation, so the probe sees one server skipped. A break is an answer that is not the
   * cyclic successor of the one before.
   */
  static Checker roundRobin(long fromMicros, long toMicros, int foreignTurns) {
    return new RoundRobin(fromMicros, toMicros, foreignTurns);
  }

  @com.fasterxml.jackson.annotation.JsonTypeName("round-robin")
  record RoundRobin(long fromMicros, long toMicros, int foreignTurns) implements Checker {
    @Override
    public Verdict check(History h) {
      List<ProbeSample> ok = h.between(fromMicros, toMicros).probes().stream()
          .filter(ProbeSample::ok).toList();
      List<String> seq = ok.stream().map(ProbeSample::backend).toList();
      List<String> backends = new ArrayList<>(new LinkedHashSet<>(seq));
      int k = backends.size();
      int violations = 0;
      int firstBad = -1;
      // Requests in flight at the same time (a probe catching up after a stall) may reach the
      // proxy in either order: such a run must take the next n turns of the rotation, in any
      // order. The positions the rotation can be at are tracked as a set (the first answer may
      // start anywhere); a run of one is the strict successor rule.
      java.util.Set<Integer> at = new java.util.HashSet<>();
      for (int p = 0; p < k; p++) {
        at.add(p);
      }
      for (int i = 0; i < ok.size(); ) {
        int j = i + 1;
        long end = ok.get(i).endAt();
        while (j < ok.size() && ok.get(j).at() < end) {
          end = Math.max(end, ok.get(j).endAt());
          j++;
        }
        List<String> run = seq.subList(i, j);
        java.util.Set<Integer> after = advance(at, run, backends);
        if (after.isEmpty()) {
          violations++;
          firstBad = firstBad < 0 ? i : firstBad;
          // Resynchronise on this run alone, as if the rotation could be anywhere.
          java.util.Set<Integer> any = new java.util.HashSet<>();
          for (int p = 0; p < k; p++) {
            any.add(p);
          }
          after = advance(any, run, backends);
          if (after.isEmpty()) {
            after = java.util.Set.of((backends.indexOf(run.getLast()) + 1) % k);
          }
        }
        at = after;
        i = j;
      }
      Figures f = Figures.of().put("answers", seq.size()).put("backends", k)
          .put("violations", violations).put("foreign_turns", foreignTurns);
      if (h.between(fromMicros, toMicros).probes().isEmpty()) {
        return Verdict.unknown("round-robin", f.map(), "no probe samples in the window: the"
            + " client's requests were not recorded");
      }
      if (seq.size() < 2) {
        return new Verdict("round-robin", false, f.map(), "only " + seq.size()
            + " successful answers: too few to show alternation");
      }
      if (k < 2) {
        return new Verdict("round-robin", false, f.map(), "all " + seq.size() + " answers came"
            + " from " + backends.getFirst() + ": no alternation at all");
      }
      String order = String.join(" -> ", backends);
      String foreign = foreignTurns == 0 ? "" : " (" + foreignTurns + " turns taken by other"
          + " clients allowed)";
      return violations <= foreignTurns
          ? new Verdict("round-robin", true, f.map(), seq.size() + " answers alternate strictly "
              + order + (violations == 0 ? "" : ", " + violations + " skips") + foreign)
          : new Verdict("round-robin", false, f.map(), violations + " of " + seq.size()
              + " answers break the alternation " + order + ", first at answer " + (firstBad + 1)
              + " (" + seq.get(firstBad) + ")" + foreign);
    }
  }

  /** The positions after {@code run} from each position in {@code from} it can be taken at. */
  private static java.util.Set<Integer> advance(java.util.Set<Integer> from, List<String> run,
      List<String> rotation) {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    for (int p : from) {
      if (takesTurns(run, rotation, p)) {
        out.add((p + run.size()) % rotation.size());
      }
    }
    return out;
  }

  /** True when {@code run} is, in some order, the {@code run.size()} turns from {@code next}. */
  private static boolean takesTurns(List<String> run, List<String> rotation, int next) {
    java.util.Map<String, Integer> want = new java.util.HashMap<>();
    for (int t = 0; t < run.size(); t++) {
      want.merge(rotation.get((next + t) % rotation.size()), 1, Integer::sum);
    }
    for (String b : run) {
      if (want.merge(b, -1, Integer::sum) < 0) {
        return false;
      }
    }
    return true;
  }

  static Checker roundRobin() {
    return roundRobin(Long.MIN_VALUE, Long.MAX_VALUE);
  }
}
