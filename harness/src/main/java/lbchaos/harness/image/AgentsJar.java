package lbchaos.harness.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the self-contained agents jar that goes into the node image: -Dlbchaos.agents.jar, else
 * the reactor's agents/target (mvn verify, bin/lbchaos) under the project root or a directory
 * above it, else the local Maven repository (when
 * the harness is used as a library).
 */
public final class AgentsJar {

  public static final String PROPERTY = "lbchaos.agents.jar";

  /** Set by bin/lbchaos, which runs the CLI from the user's directory, not the checkout's. */
  public static final String ROOT_PROPERTY = "lbchaos.root";

  private AgentsJar() {}

  /** The lbchaos checkout: -Dlbchaos.root, else the working directory (mvn runs there). */
  public static Path projectRoot() {
    return Path.of(System.getProperty(ROOT_PROPERTY, "")).toAbsolutePath();
  }

  public static Path locate() {
    String explicit = System.getProperty(PROPERTY);
    if (explicit != null) {
      Path p = Path.of(explicit);
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(PROPERTY + "=" + explicit + ": no such file");
      }
      return p;
    }
    for (Path dir = projectRoot(); dir != null; dir = dir.getParent()) {
      Optional<Path> found = shaded(dir.resolve("agents/target"));
      if (found.isPresent()) {
        return found.get();
      }
    }
    String version = AgentsJar.class.getPackage().getImplementationVersion();
    if (version != null) {
      Path m2 = Path.of(System.getProperty("user.home"), ".m2/repository/io/github/lbchaos",
          "lbchaos-agents", version, "lbchaos-agents-" + version + "-all.jar");
      if (Files.isRegularFile(m2)) {
        return m2;
      }
    }
    throw new IllegalStateException("cannot find the agents jar (lbchaos-agents-*-all.jar):"
        + " build it with 'mvn -pl agents package' or set -D" + PROPERTY);
  }

  private static Optional<Path> shaded(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> jars = s.filter(p -> p.getFileName().toString().matches("lbchaos-agents-.*-all\\.jar"))
          .toList();
      return jars.stream().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
