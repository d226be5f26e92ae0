package lbchaos.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The issues' stated targets, checked against the rows of a bench run. A target names a figure
 * by the end of its series name ("... takeover_excess_ms"), so it applies to every series that
 * measures it (e.g. both load rows). Missing rows are "no data", not a pass.
 */
public final class Targets {

  /** Which number of a row a target reads. */
  public enum Stat { MAX, P95, RATIO }

  /**
   * A bound on one figure of the java stack: {@code stat <= limit} (or {@code >=} when
   * {@code atLeast}); for RATIO the figure is java/reference.
   */
  public record Target(String issue, String what, String figure, Stat stat, boolean atLeast,
      double limit) {

    boolean met(double value) {
      return atLeast ? value >= limit : value <= limit;
    }
  }

  /** One target against one row. */
  public record Result(Target target, String row, Optional<Double> value) {

    public boolean met() {
      return value.isPresent() && target.met(value.get());
    }

    public boolean noData() {
      return value.isEmpty();
    }
  }

  /**
   * The load targets read wrk's rows (keep-alive "wrk_", a connection per request "wrk_close_",
   * a 64 KiB page kept alive "wrk_64k_"):
   * a generator in C leaves the proxies the cores a Java one would take, and it is what users
   * measure with. The later issue's tighter bound stands beside the earlier one, each with its
   * number, so a run shows which it meets.
   */
  public static final List<Target> ALL = List.of(
      new Target("#2", "topology ready, images warm", "ready_s", Stat.MAX, false, 5.0),
      new Target("#22", "topology ready at p95", "ready_s", Stat.P95, false, 5.0),
      new Target("#5", "takeover within 50 ms of master down", "takeover_excess_ms", Stat.MAX,
          false, 50.0),
      new Target("#22", "takeover within 10 ms of master down", "takeover_excess_ms", Stat.MAX,
          false, 10.0),
      new Target("#5", "VRRP agent under 64 MiB RSS", "vrrp_rss_mib", Stat.MAX, false, 64.0),
      new Target("#22", "VRRP agent at most 40 MiB RSS", "vrrp_rss_mib", Stat.MAX, false, 40.0),
      new Target("#5", "start to first advert under 1 s", "first_advert_s", Stat.MAX, false, 1.0),
      new Target("#22", "start to first advert at most 0.5 s at p95", "first_advert_s", Stat.P95,
          false, 0.5),
      new Target("#6", "requests/s at least haproxy's (wrk)", "wrk_rps", Stat.RATIO, true, 1.0),
      new Target("#6", "requests/s at least haproxy's (wrk)", "wrk_close_rps", Stat.RATIO, true,
          1.0),
      new Target("#6", "p99 latency at most 1.2x haproxy's (wrk)", "wrk_p99_ms", Stat.RATIO,
          false, 1.2),
      new Target("#22", "p50 latency at most 1.1x haproxy's (wrk)", "wrk_p50_ms", Stat.RATIO,
          false, 1.1),
      new Target("#22", "p50 latency at most 1.1x haproxy's (wrk)", "wrk_close_p50_ms",
          Stat.RATIO, false, 1.1),
      new Target("#22", "CPU per request at most 0.9x haproxy's (wrk)", "wrk_cpu_us", Stat.RATIO,
          false, 0.9),
      new Target("#22", "CPU per request at most 0.9x haproxy's (wrk)", "wrk_close_cpu_us",
          Stat.RATIO, false, 0.9),
      new Target("#22", "requests/s at least haproxy's (wrk 64k)", "wrk_64k_rps",
          Stat.RATIO, true, 1.0),
      new Target("#22", "CPU per request at most 0.9x haproxy's (wrk 64k)", "wrk_64k_cpu_us",
          Stat.RATIO, false, 0.9),
      new Target("#6", "proxy under 96 MiB RSS at 1,000 connections", "conns proxy_rss_mib",
          Stat.MAX, false, 96.0),
      new Target("#22", "article suite per stack at most 45 s", "article suite k1_s", Stat.MAX,
          false, 45.0),
      new Target("#22", "article suite per stack in verify, 45 s", "ArticleSuiteIT stack_s",
          Stat.MAX, false, 45.0),
      new Target("#22", "proxy at most 64 MiB RSS at 1,000 connections", "conns proxy_rss_mib",
          Stat.MAX, false, 64.0),
      // Issue 22 items 3 and 4. Over 20 takeovers the nearest-rank p99 is the max.
      // The calm soaks at 0.02 s and 0.05 s (full plan) are not targets: they say where the
      // agent holds when it misses at 0.01 s.
      new Target("#22", "no spurious state change (starved backup)",
          "starved v3 0.1s spurious_transitions", Stat.MAX, false, 0.0),
      new Target("#22", "no spurious state change (calm soak at 0.01 s)",
          "v3 0.01s spurious_transitions", Stat.MAX, false, 0.0),
      new Target("#22", "outage at 0.01 s adverts at most 60 ms (p99)", "v3 0.01s outage_s",
          Stat.MAX, false, 0.060));

  private Targets() {}

  /** Every target against every java row measuring its figure; a target no row has: no data. */
  public static List<Result> check(List<Measurement> rows) {
    List<Result> out = new ArrayList<>();
    for (Target t : ALL) {
      List<Measurement> java = rows.stream().filter(m -> m.stack().equals("java")
          && m.name().endsWith(" " + t.figure())).toList();
      if (java.isEmpty()) {
        out.add(new Result(t, t.figure(), Optional.empty()));
      }
      for (Measurement m : java) {
        out.add(new Result(t, m.name(), value(m, t.stat())));
      }
    }
    return out;
  }

  static Optional<Double> value(Measurement m, Stat stat) {
    if (m.n() == 0) {
      return Optional.empty();
    }
    return switch (stat) {
      case MAX -> Optional.of(m.max());
      case P95 -> Optional.of(m.p95());
      case RATIO -> Optional.ofNullable(m.ratio());
    };
  }

  /** A table of the results, one line each, and a last line counting what falls short. */
  public static String render(List<Result> results) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-5s %-46s %-42s %12s  %s%n",
        "issue", "target", "row (java)", "figure", "verdict"));
    for (Result r : results) {
      Target t = r.target();
      String bound = (t.atLeast() ? ">= " : "<= ") + fmt(t.limit())
          + (t.stat() == Stat.RATIO ? "x ref" : " (" + t.stat().name().toLowerCase() + ")");
      b.append(String.format(Locale.ROOT, "%-5s %-46s %-42s %12s  %s%n", t.issue(), t.what(),
          r.row(), r.value().map(v -> fmt(v) + (t.stat() == Stat.RATIO ? "x" : "")).orElse("-"),
          r.noData() ? "no data" : (r.met() ? "met" : "MISSED") + " (" + bound + ")"));
    }
    long missed = results.stream().filter(r -> !r.noData() && !r.met()).count();
    long none = results.stream().filter(Result::noData).count();
    b.append(String.format(Locale.ROOT, "%d of %d targets met, %d missed, %d without data%n",
        results.size() - missed - none, results.size(), missed, none));
    return b.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.3f", v);
  }
}
