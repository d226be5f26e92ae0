package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ready wait's loop through the VIP ({@link Lab#answerScript}), run here with a stand-in
 * {@code curl} that answers with the pages in a file, one per call, in turn: it ends once every
 * webserver named has answered, and fails (exit 1) when one never does.
 */
class AnswerScriptTest {

  @TempDir Path dir;

  record Run(int exit, String stdout, int calls) {}

  /** Runs the script against a curl that answers {@code pages} in turn (an empty one fails). */
  Run run(Collection<String> want, Duration atMost, String... pages) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.write(dir.resolve("pages"), List.of(pages));
    Path curl = bin.resolve("curl");
    // Call n prints line n of the pages, cycling; an empty line is a failed GET (exit 7).
    Files.writeString(curl, """
        #!/bin/sh
        n=$(cat %1$s/calls 2>/dev/null || echo 0); echo $((n + 1)) > %1$s/calls
        total=$(wc -l < %1$s/pages)
        page=$(sed -n "$((n %% total + 1))p" %1$s/pages)
        [ -n "$page" ] || exit 7
        echo "$page"
        """.formatted(dir));
    Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb = new ProcessBuilder("sh", "-c",
        Lab.answerScript(want, "http://10.0.0.100:80/", atMost));
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    int exit = p.waitFor();
    return new Run(exit, out, Integer.parseInt(Files.readString(dir.resolve("calls")).strip()));
  }

  static String page(String backend) {
    return "<h1>This is coming from backend " + backend + "</h1>";
  }

  @Test
  void endsOnceEveryWebserverAnswered() throws Exception {
    // Two failed GETs (no VIP yet), then round robin.
    Run r = run(Set.of("webserver-1", "webserver-2"), Duration.ofSeconds(10), "", "",
        page("webserver-1"), page("webserver-1"), page("webserver-2"), page("webserver-1"));
    assertThat(r.exit()).isZero();
    assertThat(r.stdout().lines()).containsExactly("webserver-1", "webserver-2");
    assertThat(r.calls()).as("no GET after the last webserver answered").isEqualTo(5);
  }

  @Test
  void failsWhenAWebserverNeverAnswers() throws Exception {
    Run r = run(Set.of("webserver-1", "webserver-2"), Duration.ZERO, page("webserver-1"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.stdout().lines()).containsExactly("webserver-1");
  }

  @Test
  void withoutNamesTheFirstAnswerIsEnough() throws Exception {
    Run r = run(List.of(), Duration.ofSeconds(10), "", "<p>a team's page</p>");
    assertThat(r.exit()).isZero();
    assertThat(r.calls()).isEqualTo(2);
  }

  @Test
  void withoutNamesNoAnswerFails() throws Exception {
    assertThat(run(List.of(), Duration.ZERO, "").exit()).isEqualTo(1);
  }
}
