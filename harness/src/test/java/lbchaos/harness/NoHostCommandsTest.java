package lbchaos.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A run acts on containers and networks through the Docker API alone, so that it works as a
 * non-root user in the docker group and against an engine on another machine: no command of
 * this host for faults or isolation, no host namespace entered, no host firewall rule.
 */
class NoHostCommandsTest {

  static final Path MAIN = Path.of("src/main/java");

  /** Where a process of this machine may be started, and why. */
  static final Map<String, String> HOST_PROCESSES = Map.of(
      "lbchaos/harness/image/HostCommand.java", "image builds: jlink, mmdebstrap, docker import",
      "lbchaos/harness/cli/FuzzStep.java", "nightly's fuzz step: mvn",
      "lbchaos/harness/cli/AllureCommandline.java", "report: allure-commandline");

  static List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(MAIN)) {
      return s.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  @Test
  void theSourcesAreWhereTheTestLooks() throws IOException {
    assertThat(sources()).as("harness sources under %s", MAIN.toAbsolutePath()).hasSizeGreaterThan(50);
  }

  @Test
  void nothingEntersAHostNamespaceOrTouchesTheHostFirewall() throws IOException {
    for (Path p : sources()) {
      String text = Files.readString(p);
      for (String banned : List.of("nsenter", "DOCKER-USER", "getPidLong", "withPidMode",
          "withPrivileged(true)", "Docker.host(")) {
        assertThat(text).as("%s must not use %s", p, banned).doesNotContain(banned);
      }
    }
  }

  @Test
  void onlyImageBuildsAndToolsStartHostProcesses() throws IOException {
    for (Path p : sources()) {
      String rel = MAIN.relativize(p).toString().replace('\\', '/');
      if (!HOST_PROCESSES.containsKey(rel)) {
        assertThat(Files.readString(p)).as("%s starts a host process", rel)
            .doesNotContain("ProcessBuilder").doesNotContain("Runtime.getRuntime().exec");
      }
    }
  }

  @Test
  void theHostCommandRunnerIsTheImageBuildsAlone() throws ClassNotFoundException {
    Class<?> c = Class.forName("lbchaos.harness.image.HostCommand");
    assertThat(Modifier.isPublic(c.getModifiers())).as("HostCommand is package-private to image")
        .isFalse();
  }
}
