package lbchaos.harness.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lbchaos.verdict.Verdict;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;

/**
 * Samples the resident memory of the LB daemons (keepalived + haproxy, or our two agents) during
 * a soak, and judges whether it stays flat: the late samples of a node may not exceed its early
 * median by more than a stated growth. A node that was restarted by a fault starts afresh, which
 * only lowers its figures.
 */
final class MemoryWatch {

  /** Allowed growth: 50 % plus 16 MiB (a JVM's heap settling after warm-up). */
  static final double GROWTH = 1.5;
  static final long SLACK_KIB = 16 * 1024;

  private final Map<String, List<Long>> samples = new TreeMap<>();

  void sample(Lab lab) {
    for (Node lb : lab.lbs()) {
      try {
        var r = lb.exec(Duration.ofSeconds(10), "sh", "-c",
            "for p in $(pgrep -f 'keepalived|haproxy|agents.jar'); do grep VmRSS /proc/$p/status;"
                + " done");
        long kib = r.stdout().lines().map(l -> l.replaceAll("\\D+", "")).filter(x -> !x.isEmpty())
            .mapToLong(Long::parseLong).sum();
        if (kib > 0) {
          samples.computeIfAbsent(lb.name(), k -> new ArrayList<>()).add(kib);
        }
      } catch (RuntimeException e) {
        // paused or killed right now: no sample
      }
    }
  }

  Verdict verdict() {
    List<String> grew = new ArrayList<>();
    var f = new java.util.LinkedHashMap<String, Double>();
    for (var e : samples.entrySet()) {
      List<Long> s = e.getValue();
      if (s.size() < 3) {
        continue;
      }
      List<Long> early = s.subList(0, Math.max(1, s.size() / 3)).stream().sorted().toList();
      long median = early.get(early.size() / 2);
      long lateMax = s.subList(s.size() - Math.max(1, s.size() / 3), s.size()).stream()
          .mapToLong(Long::longValue).max().orElse(0);
      f.put(e.getKey() + ".rss_early_mib", median / 1024.0);
      f.put(e.getKey() + ".rss_late_max_mib", lateMax / 1024.0);
      if (lateMax > median * GROWTH + SLACK_KIB) {
        grew.add(e.getKey() + " " + median / 1024 + " -> " + lateMax / 1024 + " MiB");
      }
    }
    if (f.isEmpty()) {
      return new Verdict("memory-flat", false, f, "too few memory samples to judge (run longer)");
    }
    return grew.isEmpty()
        ? new Verdict("memory-flat", true, f, "daemon memory stayed within 1.5x + 16 MiB of its"
            + " early median on every LB")
        : new Verdict("memory-flat", false, f, "memory grew: " + String.join(", ", grew));
  }
}
