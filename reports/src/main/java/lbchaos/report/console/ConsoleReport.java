package lbchaos.report.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lbchaos.report.model.Figures;
import lbchaos.report.model.Repetition;
import lbchaos.report.model.RunReport;
import lbchaos.report.model.ScenarioReport;
import lbchaos.verdict.Verdict;
import lbchaos.report.summary.ScenarioSummary;
import lbchaos.report.summary.Summary;

/** The CLI's end-of-run text: a table a person can scan, then why anything failed. */
public final class ConsoleReport {

  private static final String[] HEADER =
      {"test", "verdict", "outage", "failed requests", "detection", "rejoin"};
  /** Numbers align right so their units and decimals line up. */
  private static final boolean[] RIGHT = {false, false, true, true, true, true};
  private static final String MISSING = "-";

  private ConsoleReport() {}

  /** The summary table, then one line per failed verdict with its sentence. */
  public static String render(RunReport run) {
    StringBuilder out = new StringBuilder(table(Summary.of(run)));
    if (!run.repetitions().isEmpty()) {
      out.append('\n').append(repetitions(run.repetitions(), run.minPassRate()));
    }
    for (ScenarioReport s : run.scenarios()) {
      for (Verdict v : s.verdicts()) {
        if (!v.passed()) {
          out.append(v.outcome().name()).append(' ').append(s.name()).append(" / ")
              .append(v.name()).append(": ").append(v.sentence()).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** Per check over the repetitions: runs, pass rate against the minimum, figure spread. */
  public static String repetitions(List<Repetition> reps, double minPassRate) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"scenario", "check", "outcome", "passed", "figure", "p50", "p95",
        "max"});
    for (Repetition r : reps) {
      rows.add(new String[] {r.scenario(), r.check(), r.outcome(minPassRate).name(),
          r.passed() + "/" + r.runs(), r.figure() == null ? MISSING : r.figure(),
          seconds(r.p50()), seconds(r.p95()), seconds(r.max())});
    }
    return String.format(Locale.ROOT, "repetitions (each check must pass %.0f %% of them):%n",
        minPassRate * 100) + aligned(rows, new boolean[] {false, false, false, true, false, true,
            true, true});
  }

  /** Aligned columns: test, verdict, outage, failed requests, detection, rejoin. */
  public static String table(Summary summary) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ScenarioSummary s : summary.scenarios()) {
      Map<String, Double> f = s.figures();
      rows.add(new String[] {
          s.name(),
          s.outcome().name(),
          seconds(f.get(Figures.OUTAGE_S)),
          count(f.get(Figures.FAILED_REQUESTS)),
          seconds(f.get(Figures.DETECTION_S)),
          seconds(f.get(Figures.REJOIN_S))});
    }
    StringBuilder out = new StringBuilder(aligned(rows, RIGHT));
    long passed = summary.scenarios().stream().filter(ScenarioSummary::passed).count();
    out.append(String.format(Locale.ROOT, "%d of %d passed (stack %s)%n",
        passed, summary.scenarios().size(), summary.stack()));
    return out.toString();
  }

  /** Rows under a header and a rule, each column as wide as its widest cell. */
  private static String aligned(List<String[]> rows, boolean[] right) {
    int[] width = new int[rows.getFirst().length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      out.append(row(rows.get(r), width, right)).append('\n');
      if (r == 0) {
        String[] rule = new String[width.length];
        for (int i = 0; i < width.length; i++) {
          rule[i] = "-".repeat(width[i]);
        }
        out.append(row(rule, width, right)).append('\n');
      }
    }
    return out.toString();
  }

  private static String row(String[] cells, int[] width, boolean[] right) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(width[i] - cells[i].length());
      line.append(i == 0 ? "" : "  ").append(right[i] ? pad + cells[i] : cells[i] + pad);
    }
    return line.toString().stripTrailing();
  }

  static String seconds(Double v) {
    return v == null || v.isNaN() ? MISSING : String.format(Locale.ROOT, "%.2f s", v);
  }

  static String count(Double v) {
    return v == null || v.isNaN() ? MISSING : String.format(Locale.ROOT, "%d", Math.round(v));
  }
}
