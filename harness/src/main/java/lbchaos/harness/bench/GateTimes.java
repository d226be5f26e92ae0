package lbchaos.harness.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.harness.project.TestReports;
import lbchaos.harness.topology.Stack;

/**
 * Where the gate's own time goes ({@code mvn verify}, the README's test command), from the
 * reports that build left: seconds per module and per test class, and, for the container suites,
 * per stack. Rows of the stack "harness" except the per-stack ones, which carry their stack so
 * that the table puts java beside reference. Times are the test cases' own (Surefire's and
 * Failsafe's {@code time}), so a module's figure leaves out compiling and packaging.
 */
public final class GateTimes {

  /**
   * A container suite's case names its stack, as Failsafe writes the display name:
   * "semantics(Stack, String) backends-unreachable on the JAVA stack" (the stack's enum name).
   */
  private static final Pattern ON_STACK = Pattern.compile(".* on the ([\\w-]+) stack$");

  /** A test class quicker than this (seconds) is counted with the others, not on a row. */
  static final double QUICK = 1.0;

  private GateTimes() {}

  public static List<Measurement> rows(List<TestReports.Case> cases) {
    Map<String, Double> modules = new TreeMap<>();
    Map<String, Double> classes = new TreeMap<>();
    Map<String, Map<String, Double>> perStack = new TreeMap<>();
    Map<String, Map<String, Integer>> casesPerStack = new TreeMap<>();
    for (TestReports.Case c : cases) {
      if (c.skipped() != null) {
        continue;
      }
      String cls = simpleName(c.className());
      modules.merge(c.module().isEmpty() ? "(reports)" : c.module(), c.seconds(), Double::sum);
      classes.merge(cls, c.seconds(), Double::sum);
      Matcher m = ON_STACK.matcher(c.name());
      if (m.matches()) {
        perStack.computeIfAbsent(cls, k -> new LinkedHashMap<>()).merge(label(m.group(1)),
            c.seconds(), Double::sum);
        casesPerStack.computeIfAbsent(cls, k -> new LinkedHashMap<>()).merge(label(m.group(1)),
            1, Integer::sum);
      }
    }
    List<Measurement> rows = new ArrayList<>();
    modules.forEach((m, s) -> rows.add(row("gate module " + m + " tests_s", "harness", s)));
    // The classes worth a row, slowest first; the many quick ones together.
    classes.entrySet().stream().filter(e -> e.getValue() >= QUICK)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> rows.add(row("gate class " + e.getKey() + " tests_s", "harness",
            e.getValue())));
    double quick = classes.values().stream().filter(v -> v < QUICK).mapToDouble(v -> v).sum();
    rows.add(row("gate classes under 1 s tests_s", "harness", quick));
    // java/reference only compares like with like: where the stacks ran different numbers of
    // cases (verify runs every semantics scenario on java, half of them on reference), each row
    // says how many, so no ratio is drawn between them.
    perStack.forEach((c, stacks) -> {
      boolean alike = casesPerStack.get(c).values().stream().distinct().count() == 1;
      stacks.forEach((st, s) -> rows.add(row("gate " + c + (alike ? "" : " "
          + casesPerStack.get(c).get(st) + " cases") + " stack_s", st, s)));
    });
    return Bench.withRatios(rows);
  }

  private static Measurement row(String name, String stack, double seconds) {
    return Measurement.of(name, stack, "s", List.of(seconds), true);
  }

  /** "JAVA" or "REFERENCE_13" (the enum) or "java" (a label): the stack's label. */
  static String label(String named) {
    try {
      return Stack.parse(named.replace('_', '-')).label();
    } catch (IllegalArgumentException e) {
      return named.toLowerCase(java.util.Locale.ROOT); // a stack this build does not know
    }
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
