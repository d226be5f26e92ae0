package lbchaos.harness.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Host commands on this machine: only sh, echo and sleep, no image is built. */
class HostCommandTest {

  /** The sleep 600 processes this JVM started (through sh), found by their command line. */
  static List<ProcessHandle> sleeps() {
    return ProcessHandle.current().descendants().filter(h -> {
      var info = h.info();
      return info.command().map(c -> c.endsWith("/sleep")).orElse(false)
          && info.arguments().map(a -> List.of(a).equals(List.of("600"))).orElse(false);
    }).toList();
  }

  /** The sleeps seen, to end them whatever the test found: an orphan is no descendant. */
  final List<ProcessHandle> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

  @AfterEach
  void noSleepLeftBehind() {
    // A failed test must not leave one running for ten minutes.
    seen.addAll(sleeps());
    seen.forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void aHungCommandTimesOutAndItAndWhatItStartedAreGone() throws Exception {
    String[] command = {"sh", "-c", "echo start; sleep 600"};
    long t0 = System.nanoTime();
    CompletableFuture<String> run = CompletableFuture.supplyAsync(
        () -> HostCommand.run(Duration.ofSeconds(1), command));
    // The sleep, seen from here while it runs: a grandchild of this JVM, under sh.
    ProcessHandle sleep = await().atMost(Duration.ofSeconds(5)).until(HostCommandTest::sleeps,
        l -> !l.isEmpty()).getFirst();
    seen.add(sleep);
    Throwable thrown = catchThrowable(() -> run.get(10, TimeUnit.SECONDS));
    double took = (System.nanoTime() - t0) / 1e9;
    assertThat(thrown).as("fails, not hangs").isInstanceOf(ExecutionException.class);
    assertThat(took).as("seconds until the exception").isLessThan(5);
    assertThat(sleep.isAlive()).as("the sleep process (pid %d) afterwards", sleep.pid()).isFalse();
    assertThat(sleeps()).as("no sleep 600 left under this JVM").isEmpty();
    assertThat(thrown.getCause()).as("why").isInstanceOf(HostCommand.TimedOut.class)
        .hasMessageStartingWith("sh -c echo start; sleep 600: timed out after 1 s")
        // sh and the sleep under it; a shell that execs its last command has no process under it
        .message().containsPattern("stopped it and [01] process\\(es\\) it started")
        .contains("its last output: start"); // then maybe sh's "Terminated"
  }

  @Test
  void aCommandThatEndsInTimeGivesItsOutput() {
    assertThat(HostCommand.run(Duration.ofSeconds(30), "sh", "-c", "echo out; echo err >&2"))
        .as("stdout and stderr").isEqualTo("out\nerr\n");
  }

  @Test
  void aFailingCommandNamesItselfItsExitAndItsOutput() {
    assertThatThrownBy(() -> HostCommand.run(Duration.ofSeconds(30), "sh", "-c",
        "echo why >&2; exit 3"))
        .isInstanceOf(IllegalStateException.class).isNotInstanceOf(HostCommand.TimedOut.class)
        .hasMessage("sh -c echo why >&2; exit 3 failed (exit 3): why\n");
  }

  @Test
  void muchOutputNeverBlocksTheCommand() {
    // 2 MB: far past a pipe's buffer, which would stall a command nobody reads from.
    String out = HostCommand.run(Duration.ofSeconds(30), "sh", "-c",
        "head -c 2000000 /dev/zero | tr '\\0' x");
    assertThat(out).as("all of it").hasSize(2_000_000);
  }

  @Test
  void timeoutsReadAsWritten() {
    assertThat(HostCommand.describe(Duration.ofMinutes(15))).isEqualTo("15 min");
    assertThat(HostCommand.describe(Duration.ofSeconds(1))).isEqualTo("1 s");
    assertThat(HostCommand.describe(Duration.ofMillis(1500))).isEqualTo("1500 ms");
  }
}
