package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lbchaos.privilege.UserSpec;
import lbchaos.vrrp.config.GlobalDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptLauncherTest {

  @Test
  void requestsAreUnitSeparatedAndRefuseWhatCannotPass() {
    assertThat(ScriptLauncher.request(7, "check", Duration.ofMillis(1500),
        List.of("/bin/sh", "-c", "echo a b")))
        .as("request").isEqualTo("7\u001fcheck\u001f1.500\u001f/bin/sh\u001f-c\u001fecho a b");
    assertThatThrownBy(() -> ScriptLauncher.request(1, "check", Duration.ZERO,
        List.of("a\nb"))).as("line break").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScriptLauncher.request(1, "check", Duration.ZERO, List.of("")))
        .as("empty argument would vanish").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScriptLauncher.request(1, "check", Duration.ZERO, List.of()))
        .as("no command").isInstanceOf(IllegalArgumentException.class);
    assertThat(ScriptLauncher.answer("12 137")).as("answer").hasValueSatisfying(a ->
        assertThat(a).containsExactly(12, 137));
    assertThat(ScriptLauncher.answer("timeout: failed")).as("not an answer").isEmpty();
  }

  @Test
  void theHelperRunsChecksWithTheirTimeoutAndStartsNotifyScripts(@TempDir Path dir)
      throws Exception {
    try (ScriptLauncher l = ScriptLauncher.start(Optional.empty())) {
      assertThat(l.runCheck("/bin/true", Duration.ofSeconds(5))).as("true").isTrue();
      assertThat(l.runCheck("/bin/false", Duration.ofSeconds(5))).as("false").isFalse();
      assertThat(l.runCheck("/nonexistent/check.sh", Duration.ofSeconds(5))).as("missing")
          .isFalse();
      long t0 = System.nanoTime();
      assertThat(l.runCheck("/bin/sleep 10", Duration.ofMillis(200))).as("timed out").isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("killed at its timeout, not 10 s")
          .isLessThan(Duration.ofMillis(200).plus(ScriptLauncher.ANSWER_MARGIN));
      Path marker = dir.resolve("notified");
      l.startNotify(List.of("/bin/sh", "-c", "echo \"$0 $1\" > " + marker, "MASTER", "x y"));
      await("notify script wrote its arguments").atMost(Duration.ofSeconds(5))
          .until(() -> Files.exists(marker) && Files.readString(marker).equals("MASTER x y\n"));
    }
  }

  @Test
  void scriptsRunAsScriptUserElseKeepalivedScriptElseRoot() {
    GlobalDefs none = GlobalDefs.defaults();
    GlobalDefs root = new GlobalDefs(Optional.empty(), Optional.of("root"), true, 2);
    GlobalDefs named = new GlobalDefs(Optional.empty(), Optional.of("www-data www-data"), true,
        2);
    Set<String> withKs = Set.of("keepalived_script");
    assertThat(ScriptIdentity.user(root, withKs::contains)).as("script_user root").isEmpty();
    assertThat(ScriptIdentity.user(named, withKs::contains)).as("script_user www-data")
        .contains(new UserSpec("www-data", Optional.of("www-data")));
    assertThat(ScriptIdentity.user(none, withKs::contains)).as("keepalived_script exists")
        .contains(new UserSpec("keepalived_script", Optional.empty()));
    assertThat(ScriptIdentity.user(none, u -> false)).as("nothing named, no keepalived_script")
        .isEmpty();
  }
}
