package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import lbchaos.event.ProbeSample;
import org.junit.jupiter.api.Test;

/** The probe stream stays short and readable whatever the failures' pattern. */
class ProgressPrinterTest {

  static final long MS = 1_000;

  static ProbeSample ok(int i, String backend) {
    return new ProbeSample(i * 50 * MS, "client", i * 50 * MS + 2 * MS, backend, null);
  }

  static ProbeSample refused(int i) {
    return new ProbeSample(i * 50 * MS, "client", i * 50 * MS + MS, null,
        ProbeSample.ErrorKind.REFUSED);
  }

  static List<String> print(boolean colour, List<ProbeSample> samples) {
    var bytes = new ByteArrayOutputStream();
    var p = new ProgressPrinter(new PrintStream(bytes, true), Duration.ofSeconds(2), colour);
    samples.forEach(p);
    p.flush();
    return bytes.toString().lines().toList();
  }

  /** The backend-down demo's pattern: 12 s of webserver-1 refused in turn, then 28 s clean. */
  static List<ProbeSample> deadBackendInRotation() {
    List<ProbeSample> s = new java.util.ArrayList<>();
    for (int i = 0; i < 800; i++) {
      boolean dead = i >= 200 && i < 440;
      s.add(i % 2 == 0 ? (dead ? refused(i) : ok(i, "webserver-1")) : ok(i, "webserver-2"));
    }
    return s;
  }

  @Test
  void interleavedFailuresStayOneBarLinePerFiftyRequestsPlusTransitions() {
    List<String> lines = print(false, deadBackendInRotation());
    assertThat(lines).as("800 requests: 16 bars plus a few transition lines").hasSizeLessThan(30);
    assertThat(lines).filteredOn(l -> l.contains("error: refused")).as("first failure only")
        .hasSize(1);
    assertThat(lines).filteredOn(l -> l.contains("first answer after")).as("one transition")
        .hasSize(1);
    assertThat(lines).filteredOn(l -> l.equals("  " + ProgressPrinter.time(21_900 * MS)
        + "  last of 120 failed requests since " + ProgressPrinter.time(10_000 * MS)
        + ", interleaved with 119 answers")).as("one summary of the episode")
        .hasSize(1);
    assertThat(lines).as("a bar line of the pattern").contains("  "
        + ProgressPrinter.time(12_550 * MS) + "  " + "2x".repeat(25));
    assertThat(String.join("", lines).replaceAll("[^x]", "")).as("every failure drawn")
        .hasSize(120);
  }

  @Test
  void aPlainOutageSaysItsStartAndItsEndAndNoSummary() {
    List<ProbeSample> s = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      s.add(i >= 40 && i < 60 ? refused(i) : ok(i, i % 2 == 0 ? "webserver-1" : "webserver-2"));
    }
    List<String> lines = print(false, s);
    assertThat(lines).filteredOn(l -> l.contains("error: refused")).hasSize(1);
    assertThat(lines).filteredOn(l -> l.contains("first answer after 20 failed requests"))
        .hasSize(1);
    assertThat(lines).noneMatch(l -> l.contains("interleaved"));
  }

  @Test
  void colourMarksFailuresOnlyWhenAsked() {
    List<ProbeSample> s = List.of(ok(0, "webserver-1"), refused(1), ok(2, "webserver-1"));
    assertThat(String.join("\n", print(true, s))).contains("\u001b[31mx\u001b[0m");
    assertThat(String.join("\n", print(false, s))).doesNotContain("\u001b[");
  }
}
