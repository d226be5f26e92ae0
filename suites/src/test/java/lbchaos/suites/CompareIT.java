package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade gate end to end: `compare` runs master-down on the reference stack of Debian 12
 * and of Debian 13 (images built offline for both) and finds the same outcomes. A changed
 * outcome failing the gate is proven offline (CompareCommandTest).
 */
class CompareIT {

  @TempDir Path dir;

  @Test
  void masterDownBehavesTheSameOnDebian12And13() throws Exception {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code = RunCommandIT.cli(List.of("compare", "--scenario", "master-down", "--report",
        dir.toString()), out, err);
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertThat(out.toString()).contains("lbchaos compare: reference against reference-13",
        "0 outcomes differ");
    ObjectMapper json = new ObjectMapper();
    JsonNode old = json.readTree(dir.resolve("reference/summary.json").toFile());
    JsonNode next = json.readTree(dir.resolve("reference-13/summary.json").toFile());
    assertThat(old.at("/daemons/keepalived").asText()).as("Debian 12").startsWith(
        "Keepalived v2.2.7");
    assertThat(next.at("/daemons/keepalived").asText()).as("Debian 13").startsWith(
        "Keepalived v2.3");
    assertThat(next.at("/daemons/haproxy").asText()).startsWith("HAProxy version 3.");
    assertThat(next.get("stack").asText()).isEqualTo("reference-13");
  }
}
