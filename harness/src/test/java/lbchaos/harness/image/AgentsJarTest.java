package lbchaos.harness.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents jar as a depending project's build has it: a temp directory laid out like a local
 * Maven repository, the harness and agents jars in it as the classpath would name them, and a
 * working directory that is not an lbchaos checkout.
 */
class AgentsJarTest {

  private static final String V = "1.2.3-SNAPSHOT";

  @TempDir
  Path dir;

  private Path repo;
  private Path project;
  private Path group;

  @BeforeEach
  void layout() throws IOException {
    repo = Files.createDirectories(dir.resolve("m2/repository"));
    project = Files.createDirectories(dir.resolve("their-project"));
    group = repo.resolve("io/github/lbchaos");
  }

  private Path file(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "jar");
  }

  private Path harnessJar(String fileName) throws IOException {
    return file(group.resolve("lbchaos-harness").resolve(V).resolve(fileName));
  }

  private Path agentsJar() throws IOException {
    return file(group.resolve("lbchaos-agents").resolve(V).resolve("lbchaos-agents-" + V + ".jar"));
  }

  private Path allJar() throws IOException {
    return file(group.resolve("lbchaos-agents").resolve(V)
        .resolve("lbchaos-agents-" + V + "-all.jar"));
  }

  @Test
  void besideTheAgentsDependency() throws IOException {
    Path all = allJar();
    assertThat(AgentsJar.search(project, List.of(agentsJar()), null, dir.resolve("elsewhere")))
        .as("the all jar in the agents dependency's directory").isEqualTo(all);
  }

  @Test
  void besideTheHarnessJarEvenWithATimestampedSnapshotName() throws IOException {
    Path all = allJar();
    Path harness = harnessJar("lbchaos-harness-1.2.3-20250101.120000-7.jar");
    Path agentsClasses = Files.createDirectories(dir.resolve("ide/agents/out"));
    assertThat(AgentsJar.search(project, List.of(agentsClasses, harness), null,
        dir.resolve("elsewhere")))
        .as("version from the directory, sibling artifact lbchaos-agents").isEqualTo(all);
  }

  @Test
  void byImplementationVersionInTheLocalRepository() throws IOException {
    Path all = allJar();
    Path fatJar = file(dir.resolve("lib/app.jar"));
    assertThat(AgentsJar.search(project, List.of(fatJar), V, repo))
        .as("<repo>/io/github/lbchaos/lbchaos-agents/<v>/lbchaos-agents-<v>-all.jar")
        .isEqualTo(all);
  }

  @Test
  void theReactorComesFirst() throws IOException {
    Path reactor = file(dir.resolve("checkout/agents/target/lbchaos-agents-9-all.jar"));
    allJar();
    assertThat(AgentsJar.search(Files.createDirectories(dir.resolve("checkout/suites")),
        List.of(agentsJar()), V, repo))
        .as("agents/target above the working directory wins over the repository").isEqualTo(reactor);
  }

  @Test
  void classesFromTargetClassesFindTheShadedJarBesideThem() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("ide/agents/target/classes"));
    Path all = file(dir.resolve("ide/agents/target/lbchaos-agents-" + V + "-all.jar"));
    assertThat(AgentsJar.search(project, List.of(classes), null, repo)).isEqualTo(all);
  }

  @Test
  void notFoundNamesEveryPlaceAndTheProperty() throws IOException {
    Path agents = agentsJar();
    Path harness = harnessJar("lbchaos-harness-" + V + ".jar");
    Path gradle = file(dir.resolve("gradle/caches/ab12/lbchaos-agents-" + V + ".jar"));
    Path other = repo.resolve("other");
    assertThatThrownBy(() -> AgentsJar.search(project, List.of(agents, harness, gradle), V,
        other))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot find the agents jar")
        .hasMessageContaining("-Dlbchaos.agents.jar")
        .as("the checkout walk").hasMessageContaining("agents/target/lbchaos-agents-*-all.jar in "
            + project)
        .as("beside both dependencies: one path, named once")
        .hasMessageContaining(AgentsJar.inRepository(repo, V) + " (beside lbchaos-agents-")
        .as("a cache that is not a Maven repository").hasMessageContaining("nothing beside " + gradle)
        .as("the local repository by version")
        .hasMessageContaining(AgentsJar.inRepository(other, V).toString());
    assertThatThrownBy(() -> AgentsJar.search(project, List.of(agents, harness), null, other))
        .as("no version: says why the repository was not searched by version")
        .hasMessageContaining("no Implementation-Version");
  }

  @Test
  void inRepositoryIsMavensLayout() {
    assertThat(AgentsJar.inRepository(Path.of("/r"), "0.1.0"))
        .isEqualTo(Path.of("/r/io/github/lbchaos/lbchaos-agents/0.1.0/lbchaos-agents-0.1.0-all.jar"));
    assertThat(AgentsJar.besideInRepository(Path.of("/r/org/other/lbchaos-harness/1/lbchaos-harness-1.jar")))
        .as("another group").isEmpty();
    assertThat(AgentsJar.besideInRepository(Path.of("/r/io/github/lbchaos/lbchaos-harness/1/x.jar")))
        .as("a file that is not the artifact's").isEmpty();
  }

  @Test
  void anExplicitPathThatDoesNotExistIsAnError() {
    String before = System.getProperty(AgentsJar.PROPERTY);
    System.setProperty(AgentsJar.PROPERTY, dir.resolve("missing.jar").toString());
    try {
      assertThatThrownBy(AgentsJar::locate).hasMessageContaining("missing.jar: no such file");
    } finally {
      if (before == null) {
        System.clearProperty(AgentsJar.PROPERTY);
      } else {
        System.setProperty(AgentsJar.PROPERTY, before);
      }
    }
  }
}
