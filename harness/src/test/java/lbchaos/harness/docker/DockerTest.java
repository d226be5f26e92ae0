package lbchaos.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import lbchaos.harness.docker.Docker.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which engine the user named and what the harness says when none answers; no engine needed. */
class DockerTest {

  @TempDir
  Path dir;

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void nothingNamedLeavesItToTestcontainers() {
    assertThat(Docker.namedEngine(Map.of(), props())).isEmpty();
    assertThat(Docker.namedEngine(Map.of("DOCKER_HOST", ""), props("docker.host", " ")))
        .as("empty values count as unset").isEmpty();
    assertThat(Docker.namedEngine(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"),
        props("docker.client.strategy", "x")))
        .as("other settings name no engine").isEmpty();
  }

  @Test
  void testcontainersOrder() {
    assertThat(Docker.namedEngine(Map.of("DOCKER_HOST", "tcp://a:2375"),
        props("tc.host", "tcp://b:2375", "docker.host", "tcp://c:2375")))
        .as("tc.host first").contains(new Named("tcp://b:2375", "tc.host in ~/.testcontainers.properties"));
    assertThat(Docker.namedEngine(Map.of("DOCKER_HOST", "tcp://a:2375"),
        props("docker.host", "tcp://c:2375")))
        .as("the environment over the file").contains(new Named("tcp://a:2375", "DOCKER_HOST"));
    assertThat(Docker.namedEngine(Map.of(), props("docker.host", "unix:///x.sock")))
        .contains(new Named("unix:///x.sock", "docker.host in ~/.testcontainers.properties"));
  }

  @Test
  void aNamedSocketThatDoesNotExistFailsInsteadOfFallingBack() throws Exception {
    assertThatThrownBy(() -> Docker.requireNamedEngine(
        new Named("unix:///nonexistent/docker.sock", "DOCKER_HOST")))
        .isInstanceOf(Docker.Unavailable.class)
        .hasMessageContaining("no Docker engine answers at DOCKER_HOST=unix:///nonexistent/docker.sock")
        .hasMessageContaining("no such socket");
    assertThatThrownBy(() -> Docker.requireNamedEngine(
        new Named("unix:///nonexistent/docker.sock", "docker.host in ~/.testcontainers.properties")))
        .as("says which setting to change")
        .hasMessageContaining("change or remove docker.host in ~/.testcontainers.properties");
    Path socket = Files.createFile(dir.resolve("docker.sock"));
    Docker.requireNamedEngine(new Named("unix://" + socket, "DOCKER_HOST"));
    Docker.requireNamedEngine(new Named("tcp://remote:2376", "DOCKER_HOST"));
  }

  @Test
  void theMessageSaysWhereItLookedAndWhatToDo() {
    String none = Docker.notAnswering(Optional.empty(), "Could not find a valid Docker environment");
    assertThat(none).contains("no Docker engine answers").contains("DOCKER_HOST is unset")
        .contains("unix:///var/run/docker.sock").contains("Could not find a valid Docker environment")
        .contains("bin/lbchaos").doesNotContain("TESTCONTAINERS_");
    assertThat(Docker.notAnswering(Optional.of(new Named("tcp://remote:2376", "DOCKER_HOST")),
        "refused")).contains("at DOCKER_HOST=tcp://remote:2376: refused");
  }
}
