package lbchaos.harness.check;

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
    if (max < 0) {
      throw new IllegalArgumentException("max failed requests must be >= 0, got " + max);
    }
    return h -> {
      List<ProbeSample> probes = h.probes();
      List<ProbeSample> failed = probes.stream().filter(p -> !p.ok()).toList();
      Map<ProbeSample.ErrorKind, Long> kinds = failed.stream().collect(Collectors.groupingBy(
          ProbeSample::error, () -> new EnumMap<>(ProbeSample.ErrorKind.class),
          Collectors.counting()));
      boolean ok = failed.size() <= max;
      String detail = kinds.isEmpty() ? "" : " (" + kinds.entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT))
          .collect(Collectors.joining(", ")) + ")";
      return new Verdict("failed-requests", ok, Figures.of()
          .put("failed_requests", failed.size()).put("max_failed_requests", max)
          .put("requests", probes.size()).map(),
          failed.size() + " of " + probes.size() + " requests failed" + detail + ", at most "
              + max + " allowed");
    };
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
    return h -> {
      List<ProbeSample> ok = h.between(fromMicros, toMicros).probes().stream()
          .filter(ProbeSample::ok).toList();
      List<String> seq = ok.stream().map(ProbeSample::backend).toList();
      List<String> backends = new ArrayList<>(new LinkedHashSet<>(seq));
      int k = backends.size();
      int violations = 0;
      int ambiguous = 0;
      int firstBad = -1;
      for (int i = 1; i < seq.size(); i++) {
        String expected = backends.get((backends.indexOf(seq.get(i - 1)) + 1) % k);
        if (!seq.get(i).equals(expected) && (inFlightTogether(ok, i) || inFlightTogether(ok, i - 1))) {
          // Requests in flight together reach the proxy in an order the client cannot know
          // (the probe's fixed-rate loop catches up in bursts on a busy machine).
          ambiguous++;
        } else if (!seq.get(i).equals(expected)) {
          violations++;
          if (firstBad < 0) {
            firstBad = i;
          }
        }
      }
      Figures f = Figures.of().put("answers", seq.size()).put("backends", k)
          .put("violations", violations).put("overlapping", ambiguous)
          .put("foreign_turns", foreignTurns);
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
    };
  }

  /** Whether answer {@code i} was in flight together with the answer before or after it. */
  private static boolean inFlightTogether(List<ProbeSample> ok, int i) {
    boolean withPrevious = i > 0 && ok.get(i).at() < ok.get(i - 1).endAt();
    boolean withNext = i + 1 < ok.size() && ok.get(i + 1).at() < ok.get(i).endAt();
    return withPrevious || withNext;
  }

  static Checker roundRobin() {
    return roundRobin(Long.MIN_VALUE, Long.MAX_VALUE);
  }
}
