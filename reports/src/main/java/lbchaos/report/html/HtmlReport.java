package lbchaos.report.html;

import static lbchaos.report.html.Markup.esc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import lbchaos.report.model.FuzzReport;
import lbchaos.report.model.LintFinding;
import lbchaos.report.model.RunReport;
import lbchaos.report.model.ScenarioReport;
import lbchaos.report.model.Segment;
import lbchaos.report.trend.Trend;
import lbchaos.report.trend.TrendChart;

/**
 * The single-file HTML report: no server, no external assets, CSS and SVG inline, a small inline
 * script for tooltips and a time cursor. Opens from a file:// URL, attaches to any CI artifact.
 */
public final class HtmlReport {

  public static final String FILE_NAME = "index.html";

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private HtmlReport() {}

  /** Writes {@code dir/index.html} for one run, creating dir; returns the file. */
  public static Path write(RunReport run, Path dir) throws IOException {
    return write(List.of(run), null, dir);
  }

  /** As {@link #write(RunReport, Path)}, with the nightly trend (may be null) at the end. */
  public static Path write(RunReport run, Trend trend, Path dir) throws IOException {
    return write(List.of(run), trend, dir);
  }

  /** Several runs (e.g. one per stack, nightly) in one page, then the trend if not null. */
  public static Path write(List<RunReport> runs, Trend trend, Path dir) throws IOException {
    return write(runs, trend, null, dir);
  }

  /** As above, with nightly's fuzz step (may be null) after the runs. */
  public static Path write(List<RunReport> runs, Trend trend, FuzzReport fuzz, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_NAME);
    Files.writeString(file, render(runs, trend, fuzz), StandardCharsets.UTF_8);
    return file;
  }

  public static String render(List<RunReport> runs, Trend trend) {
    return render(runs, trend, null);
  }

  public static String render(List<RunReport> runs, Trend trend, FuzzReport fuzz) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one run");
    }
    Palette palette = palette(runs);
    String stacks = String.join(", ", runs.stream().map(RunReport::stack).distinct().toList());
    StringBuilder body = new StringBuilder();
    body.append(header(runs, stacks, fuzz));
    for (int r = 0; r < runs.size(); r++) {
      RunReport run = runs.get(r);
      if (runs.size() > 1) {
        body.append("<h1 class=\"stack\">stack ").append(esc(run.stack())).append(' ')
            .append(ScenarioHtml.pill(run.passed())).append("</h1>\n");
      }
      body.append(lint(run.lint()));
      for (int i = 0; i < run.scenarios().size(); i++) {
        body.append(ScenarioHtml.render(run.scenarios().get(i), palette, id(r, i)));
      }
    }
    if (fuzz != null) {
      body.append(fuzz(fuzz));
    }
    if (trend != null) {
      body.append("<section class=\"trend-section\" id=\"trend\"><h2>Nightly trend</h2>\n")
          .append(TrendChart.html(trend)).append("</section>\n");
    }
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>lbchaos report · " + esc(stacks) + "</title>\n<style>\n" + resource("report.css")
        + "</style></head>\n<body>\n" + defs() + body
        + "<div id=\"tip\" role=\"tooltip\"></div>\n<script>\n" + resource("report.js")
        + "</script>\n</body></html>\n";
  }

  private static String header(List<RunReport> runs, String stacks, FuzzReport fuzz) {
    boolean passed = runs.stream().allMatch(RunReport::passed)
        && (fuzz == null || fuzz.passed());
    long total = runs.stream().mapToLong(r -> r.scenarios().size()).sum();
    long ok = runs.stream().flatMap(r -> r.scenarios().stream())
        .filter(ScenarioReport::passed).count();
    long lint = runs.stream().mapToLong(r -> r.lint().size()).sum();
    StringBuilder out = new StringBuilder("<header class=\"top\"><div class=\"title\">")
        .append(ScenarioHtml.pill(passed)).append("<h1>lbchaos · ").append(esc(stacks))
        .append("</h1></div><div class=\"meta\">started ")
        .append(WHEN.format(runs.getFirst().started())).append(" · ").append(ok).append(" of ")
        .append(total).append(" scenarios passed · ").append(lint).append(" lint finding")
        .append(lint == 1 ? "" : "s")
        .append(fuzz == null ? "" : String.format(Locale.ROOT, " · fuzz %s, %,d cases",
            fuzz.passed() ? "passed" : "FAILED", fuzz.cases()))
        .append("</div>\n<nav>");
    for (int r = 0; r < runs.size(); r++) {
      for (int i = 0; i < runs.get(r).scenarios().size(); i++) {
        ScenarioReport s = runs.get(r).scenarios().get(i);
        out.append("<a class=\"chip ").append(ScenarioHtml.cssClass(s.outcome())).append("\" href=\"#")
            .append(id(r, i)).append("\">").append(runs.size() > 1 ? esc(runs.get(r).stack())
                + " · " : "").append(esc(s.name())).append("</a>");
      }
    }
    return out.append("</nav></header>\n").toString();
  }

  /** One row per fuzz target: its cases and what became of them. */
  private static String fuzz(FuzzReport fuzz) {
    StringBuilder out = new StringBuilder("<section class=\"lint fuzz\" id=\"fuzz\"><h2>Fuzzing ")
        .append(ScenarioHtml.pill(fuzz.passed())).append("</h2><p>")
        .append(String.format(Locale.ROOT, "%,d cases in %d s, %,d tries per property",
            fuzz.cases(), fuzz.took().toSeconds(), fuzz.triesPerProperty()))
        .append("</p><table><thead><tr><th>target</th><th>cases</th><th>outcomes</th></tr>"
            + "</thead><tbody>\n");
    for (FuzzReport.Target t : fuzz.targets()) {
      String outcomes = String.join(", ", new java.util.TreeMap<>(t.outcomes()).entrySet()
          .stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
          .toList());
      out.append("<tr><td class=\"where\">").append(esc(t.name())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%,d", t.cases())).append("</td><td>")
          .append(esc(outcomes)).append("</td></tr>\n");
    }
    return out.append("</tbody></table></section>\n").toString();
  }

  private static String lint(List<LintFinding> findings) {
    if (findings.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("<section class=\"lint\"><h2>Config lint</h2>"
        + "<table><thead><tr><th>where</th><th>severity</th><th>finding</th></tr></thead>"
        + "<tbody>\n");
    for (LintFinding f : findings) {
      String sev = f.severity().name().toLowerCase(java.util.Locale.ROOT);
      out.append("<tr class=\"").append(sev).append("\"><td class=\"where\">")
          .append(esc(f.location())).append("</td><td><span class=\"sev ").append(sev)
          .append("\">").append(sev).append("</span></td><td>").append(esc(f.message()))
          .append("</td></tr>\n");
    }
    return out.append("</tbody></table></section>\n").toString();
  }

  private static Palette palette(List<RunReport> runs) {
    Set<String> backends = new TreeSet<>();
    List<String> holders = new ArrayList<>();
    for (RunReport run : runs) {
      for (ScenarioReport s : run.scenarios()) {
        s.timeline().requests().stream().filter(r -> r.ok()).forEach(r -> backends.add(r.backend()));
        s.timeline().lanes().forEach(l -> l.segments().stream().map(Segment::state)
            .filter(st -> !Palette.vrrp(st) && !Palette.NOBODY.contains(st))
            .forEach(holders::add));
      }
    }
    return new Palette(backends, holders);
  }

  /** Patterns every timeline shares, defined once for the page. */
  private static String defs() {
    return "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>"
        + "<pattern id=\"hatch-none\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
        + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fde8e8\"/>"
        + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#d62728\" stroke-width=\"2.5\"/>"
        + "</pattern></defs></svg>\n";
  }

  private static String id(int run, int scenario) {
    return "s" + run + "-" + scenario;
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " next to HtmlReport");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
