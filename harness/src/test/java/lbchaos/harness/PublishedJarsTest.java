package lbchaos.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a depending project gets on its classpath from lbchaos: nothing at the root but packages
 * and META-INF, so no testcontainers.properties, simplelogger.properties or logback.xml of ours
 * configures its Testcontainers or its logging. Checks the agents, reports and harness main
 * classes as this build made them (target/classes or the jar: what the jar is packed from).
 */
class PublishedJarsTest {

  private static List<String> rootFiles(Class<?> type) throws IOException, URISyntaxException {
    Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(source)) {
      try (Stream<Path> s = Files.list(source)) {
        return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
      }
    }
    try (JarFile jar = new JarFile(source.toFile())) {
      return jar.stream().map(e -> e.getName()).filter(n -> !n.contains("/")).toList();
    }
  }

  @Test
  void noFileAtTheClasspathRoot() throws Exception {
    for (Class<?> type : List.of(lbchaos.harness.docker.Docker.class, lbchaos.agents.Main.class,
        lbchaos.report.Reports.class)) {
      assertThat(rootFiles(type)).as("files at the root of %s's jar (left by an earlier build?"
          + " mvn clean)", type.getSimpleName()).isEmpty();
    }
  }

  @Test
  void noTestcontainersConfigurationOnTheClasspath() {
    assertThat(getClass().getClassLoader().getResource("testcontainers.properties"))
        .as("the harness needs none (see Docker), and none of its dependencies brings one").isNull();
  }
}
