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
    return h -> {
      List<String> seq = h.between(fromMicros, toMicros).probes().stream()
          .filter(ProbeSample::ok).map(ProbeSample::backend).toList();
      List<String> backends = new ArrayList<>(new LinkedHashSet<>(seq));
      int k = backends.size();
      int violations = 0;
      int firstBad = -1;
      for (int i = 0; i < seq.size(); i++) {
        boolean bad = i < k ? seq.subList(0, i).contains(seq.get(i))
            : !seq.get(i).equals(seq.get(i - k));
        if (bad) {
          violations++;
          if (firstBad < 0) {
            firstBad = i;
          }
        }
      }
      Figures f = Figures.of().put("answers", seq.size()).put("backends", k)
          .put("violations", violations);
      if (seq.size() < 2) {
        return new Verdict("round-robin", false, f.map(), "only " + seq.size()
            + " successful answers: too few to show alternation");
      }
      if (k < 2) {
        return new Verdict("round-robin", false, f.map(), "all " + seq.size() + " answers came"
            + " from " + backends.getFirst() + ": no alternation at all");
      }
      String order = String.join(" -> ", backends);
      return violations == 0
          ? new Verdict("round-robin", true, f.map(), seq.size() + " answers alternate strictly "
              + order)
          : new Verdict("round-robin", false, f.map(), violations + " of " + seq.size()
              + " answers break the alternation " + order + ", first at answer " + (firstBad + 1)
              + " (" + seq.get(firstBad) + ")");
    };
  }

  static Checker roundRobin() {
    return roundRobin(Long.MIN_VALUE, Long.MAX_VALUE);
  }
}
