package lbchaos.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import lbchaos.report.Samples;
import lbchaos.report.model.RunReport;
import lbchaos.report.summary.Summary;
import lbchaos.report.trend.HistoryRun;
import lbchaos.report.trend.Trend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loads the report in headless Chromium (Debian's chromium package): the page's script runs and
 * finds every dot, and the screenshot has the timeline's colours where the script says the
 * timeline is. Skipped, with a message, where no Chromium is installed (or
 * {@code -Dlbchaos.chromium} names none). The report and the
 * screenshot stay in target/report-it for a person to look at.
 */
class HtmlReportChromiumIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int W = 1400;
  private static final int H = 1000;
  private static final Path OUT = Path.of("target", "report-it");

  private static String chromium;
  private static Path index;
  private static RunReport run;

  @BeforeAll
  static void writeReport() throws IOException {
    chromium = findChromium().orElse(null);
    run = Samples.run();
    Trend trend = new Trend(List.of(
        new HistoryRun(Instant.parse("2026-11-26T01:59:00Z"), Summary.of(run)),
        new HistoryRun(Instant.parse("2026-11-27T01:59:00Z"), Summary.of(run)),
        new HistoryRun(Samples.START, Summary.of(run))), List.of());
    index = HtmlReport.write(run, trend, OUT).toAbsolutePath();
  }

  @BeforeEach
  void needsChromium() {
    Assumptions.assumeTrue(chromium != null, "no chromium binary (looked at -Dlbchaos.chromium, "
        + "$LBCHAOS_CHROMIUM, then PATH for chromium, chromium-browser, google-chrome; Debian: "
        + "apt-get install -y chromium); skipping the headless report test");
  }

  @Test
  void theScriptRunsAndFindsEveryDot() throws Exception {
    String dom = chromium("dump-dom.html", "--dump-dom", index.toUri().toString());
    assertThat(dom).as("the page script ran").contains("data-ready=\"true\"");
    for (int i = 0; i < run.scenarios().size(); i++) {
      var t = run.scenarios().get(i).timeline();
      String svg = openingTag(dom, "s0-" + i + "-timeline");
      long failed = t.requests().stream().filter(r -> !r.ok()).count();
      assertThat(svg).as("timeline %d drawn and counted by the script", i)
          .contains("data-ready=\"true\"")
          .contains("data-dots=\"" + t.requests().size() + "\"")
          .contains("data-failed-dots=\"" + failed + "\"");
      assertThat(box(svg)[2]).as("timeline %d has a width on the page", i).isGreaterThan(1000);
    }
  }

  @Test
  void theScreenshotShowsTheTimeline() throws Exception {
    String dom = chromium("dump-dom-for-box.html", "--dump-dom", index.toUri().toString());
    int[] box = box(openingTag(dom, "s0-0-timeline"));
    Path png = OUT.resolve("screenshot.png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium("screenshot.log", "--screenshot=" + png, "--hide-scrollbars",
        index.toUri().toString());
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).as("a PNG was written").isNotNull();
    assertThat(img.getWidth()).as("window width").isEqualTo(W);
    assertThat(box[1] + box[3]).as("the first timeline is within the first screen").isLessThan(H);

    Pixels p = new Pixels(img, box);
    assertThat(p.fraction(rgb -> !near(rgb, 0xffffff, 8)))
        .as("a drawn timeline, not a blank box").isGreaterThan(0.15);
    assertThat(p.count(rgb -> near(rgb, 0x1f77b4, 40))).as("webserver-1 dots").isGreaterThan(150);
    assertThat(p.count(rgb -> near(rgb, 0xff7f0e, 40))).as("webserver-2 dots").isGreaterThan(150);
    assertThat(p.count(rgb -> near(rgb, Integer.parseInt(Palette.FAILED.substring(1), 16), 40)))
        .as("red failed requests and DOWN mark").isGreaterThan(40);
    assertThat(p.count(rgb -> near(rgb, 0x2ca02c, 20))).as("the MASTER lane").isGreaterThan(5000);
    assertThat(p.count(rgb -> near(rgb, 0xa6c8e4, 12))).as("the BACKUP lane").isGreaterThan(5000);
  }

  private record Pixels(BufferedImage img, int[] box) {
    long count(java.util.function.IntPredicate p) {
      long n = 0;
      for (int y = Math.max(0, box[1]); y < Math.min(img.getHeight(), box[1] + box[3]); y++) {
        for (int x = Math.max(0, box[0]); x < Math.min(img.getWidth(), box[0] + box[2]); x++) {
          if (p.test(img.getRGB(x, y) & 0xffffff)) {
            n++;
          }
        }
      }
      return n;
    }

    double fraction(java.util.function.IntPredicate p) {
      return (double) count(p) / ((long) box[2] * box[3]);
    }
  }

  private static boolean near(int rgb, int target, int tolerance) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs((rgb >> shift & 0xff) - (target >> shift & 0xff)) > tolerance) {
        return false;
      }
    }
    return true;
  }

  private static String openingTag(String dom, String id) {
    Matcher m = Pattern.compile("<svg[^>]*id=\"" + id + "\"[^>]*>").matcher(dom);
    assertThat(m.find()).as("svg %s in the DOM", id).isTrue();
    return m.group();
  }

  private static int[] box(String tag) {
    Matcher m = Pattern.compile("data-box=\"(-?\\d+),(-?\\d+),(\\d+),(\\d+)\"").matcher(tag);
    assertThat(m.find()).as("the script measured the timeline: %s", tag).isTrue();
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
  }

  /** Runs Chromium headless, isolated (own profile, no network features); returns its stdout. */
  private static String chromium(String logName, String... args) throws Exception {
    Path profile = Files.createTempDirectory("lbchaos-chromium");
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--force-device-scale-factor=1",
        "--user-data-dir=" + profile, "--window-size=" + W + "," + H));
    cmd.addAll(List.of(args));
    Path stdout = OUT.resolve(logName);
    Path stderr = OUT.resolve(logName + ".stderr");
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    try {
      boolean done = p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(done).as("chromium finished within %s (%s)", TIMEOUT, stderr).isTrue();
      assertThat(p.exitValue()).as("chromium exit code, see %s", stderr).isZero();
    } finally {
      p.destroyForcibly();
      deleteTree(profile);
    }
    return Files.readString(stdout);
  }

  /** An explicit choice wins, and one that is not executable skips rather than falls back. */
  private static Optional<String> findChromium() {
    String chosen = System.getProperty("lbchaos.chromium", System.getenv("LBCHAOS_CHROMIUM"));
    if (chosen != null && !chosen.isBlank()) {
      return Files.isExecutable(Path.of(chosen)) ? Optional.of(chosen) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate.toString());
        }
      }
    }
    return Optional.empty();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
