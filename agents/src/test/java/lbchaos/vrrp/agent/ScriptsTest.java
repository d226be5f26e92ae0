package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Event;
import lbchaos.event.NotifyRun;
import lbchaos.vrrp.config.NotifyScripts;
import lbchaos.vrrp.state.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptsTest {

  @Test
  void splitsLikeKeepalivedWithoutAShell() {
    assertThat(Commands.split("/etc/keepalived/status_capture.sh MASTER")).as("article")
        .containsExactly("/etc/keepalived/status_capture.sh", "MASTER");
    assertThat(Commands.split("  /bin/sh -c 'echo a  b' \"x y\"z  ")).as("quotes")
        .containsExactly("/bin/sh", "-c", "echo a  b", "x yz");
    assertThat(Commands.split("  ")).as("blank").isEmpty();
  }

  @Test
  void checkSucceedsOnExitZeroOnly() {
    assertThat(Scripts.runCheck("/bin/true", Duration.ofSeconds(5))).as("true").isTrue();
    assertThat(Scripts.runCheck("/bin/false", Duration.ofSeconds(5))).as("false").isFalse();
    assertThat(Scripts.runCheck("/nonexistent/check.sh", Duration.ofSeconds(5)))
        .as("missing script").isFalse();
  }

  @Test
  void aCheckThatOutlivesItsTimeoutFails() {
    long start = System.nanoTime();
    assertThat(Scripts.runCheck("/bin/sleep 10", Duration.ofMillis(200))).as("timed out")
        .isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("killed, not waited for")
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void scriptHealthNeedsFallAndRiseStreaks() {
    ScriptHealth h = new ScriptHealth(2, 3, true);
    assertThat(h.record(false)).as("1st failure").isFalse();
    assertThat(h.record(false)).as("2nd failure flips").isTrue();
    assertThat(h.ok()).as("failed").isFalse();
    assertThat(h.record(true) || h.record(true)).as("2 successes < rise 3").isFalse();
    assertThat(h.record(true)).as("3rd flips").isTrue();
  }

  @Test
  void notifyRunsTheStateScriptAndTheGenericOneWithKeepalivedsArguments(@TempDir Path dir) {
    Path specific = dir.resolve("specific");
    Path generic = dir.resolve("generic");
    NotifyScripts scripts = new NotifyScripts(
        java.util.Optional.of("/bin/sh -c 'echo \"$0\" > " + specific + "' MASTER"),
        java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.of("/bin/sh -c 'echo \"$@\" > " + generic + "' notify"));
    List<Event> events = new ArrayList<>();
    new Notifier("lb1", "VI_1", scripts, events::add, () -> 1L).changed(State.MASTER, 254);
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(specific)
        && Files.exists(generic) && Files.size(specific) > 0 && Files.size(generic) > 0);
    assertThat(read(specific)).as("state argument as written").isEqualTo("MASTER");
    assertThat(read(generic)).as("notify's four arguments").isEqualTo("INSTANCE VI_1 MASTER 254");
    assertThat(events).as("two NotifyRun events").hasSize(2)
        .allSatisfy(e -> assertThat(((NotifyRun) e).state()).isEqualTo("MASTER"));
  }

  static String read(Path p) {
    try {
      return Files.readString(p).strip();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
