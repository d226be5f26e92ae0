package lbchaos.harness.image;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the self-contained agents jar that goes into the node image
 * ({@code lbchaos-agents-<version>-all.jar}, the shaded jar the agents module attaches with
 * classifier {@code all}). In order: -Dlbchaos.agents.jar; the reactor's agents/target (mvn
 * verify, bin/lbchaos) under the project root or a directory above it; then, when the harness is
 * a dependency of someone else's build, the local Maven repository the dependencies came from:
 * beside the lbchaos-agents jar and beside the harness jar on the classpath (same layout, same
 * version, classifier all), and last the local repository by the harness's Implementation-Version
 * (-Dmaven.repo.local, else ~/.m2/repository). A jar outside a Maven local repository (a
 * Gradle cache, a fat jar) is not guessed at: the error says what was searched and which property
 * to set.
 */
public final class AgentsJar {

  public static final String PROPERTY = "lbchaos.agents.jar";

  /** Set by bin/lbchaos, which runs the CLI from the user's directory, not the checkout's. */
  public static final String ROOT_PROPERTY = "lbchaos.root";

  static final Path GROUP_PATH = Path.of("io", "github", "lbchaos");
  static final String ARTIFACT = "lbchaos-agents";
  static final String CLASSIFIER = "all";

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
    List<Path> codeSources = Stream.of(codeSource(lbchaos.agents.Main.class),
        codeSource(AgentsJar.class)).flatMap(Optional::stream).toList();
    return search(projectRoot(), codeSources,
        AgentsJar.class.getPackage().getImplementationVersion(), localRepository());
  }

  /**
   * Everything after the property, with its inputs passed in so that a test can lay them out:
   * the first existing place wins; when none does, the exception names each place searched.
   *
   * @param codeSources where the lbchaos-agents and lbchaos-harness classes were loaded from
   * @param version the harness jar's Implementation-Version, or null (classes from a directory)
   */
  static Path search(Path projectRoot, List<Path> codeSources, String version,
      Path localRepository) {
    for (Path dir = projectRoot; dir != null; dir = dir.getParent()) {
      Optional<Path> found = shaded(dir.resolve("agents/target"));
      if (found.isPresent()) {
        return found.get();
      }
    }
    List<String> looked = new ArrayList<>();
    looked.add("agents/target/" + ARTIFACT + "-*-" + CLASSIFIER + ".jar in " + projectRoot
        + " and every directory above it (an lbchaos checkout)");
    Set<Path> tried = new LinkedHashSet<>();
    for (Path source : codeSources) {
      Optional<Path> beside = besideInRepository(source);
      if (beside.isPresent()) {
        if (Files.isRegularFile(beside.get())) {
          return beside.get();
        }
        if (tried.add(beside.get())) {
          looked.add(beside.get() + " (beside " + source.getFileName() + ")");
        }
      } else if (Files.isDirectory(source) && source.getFileName() != null
          && source.getFileName().toString().equals("classes") && source.getParent() != null) {
        // Classes straight from a module's target/classes (an IDE, a reactor build that has
        // not packaged yet): the shaded jar, once built, is in that target directory.
        Optional<Path> found = shaded(source.getParent());
        if (found.isPresent()) {
          return found.get();
        }
        looked.add(ARTIFACT + "-*-" + CLASSIFIER + ".jar in " + source.getParent());
      } else {
        looked.add("nothing beside " + source + " (not a Maven local repository)");
      }
    }
    if (version != null) {
      Path byVersion = inRepository(localRepository, version);
      if (Files.isRegularFile(byVersion)) {
        return byVersion;
      }
      if (tried.add(byVersion)) {
        looked.add(byVersion + " (local repository, harness version " + version + ")");
      }
    } else {
      looked.add("not the local repository " + localRepository
          + " by version (the harness classes carry no Implementation-Version)");
    }
    throw new IllegalStateException("cannot find the agents jar (" + ARTIFACT + "-<version>-"
        + CLASSIFIER + ".jar, the shaded jar the node image carries). Searched:\n  - -D" + PROPERTY
        + " (not set)\n  - " + String.join("\n  - ", looked) + "\nSet -D" + PROPERTY
        + "=/path/to/" + ARTIFACT + "-<version>-" + CLASSIFIER + ".jar, or build it: 'mvn -pl"
        + " agents package' in the lbchaos checkout ('mvn install' there puts it in the local"
        + " repository).");
  }

  /** {@code <repo>/io/github/lbchaos/lbchaos-agents/<version>/lbchaos-agents-<version>-all.jar}. */
  static Path inRepository(Path repository, String version) {
    return repository.resolve(GROUP_PATH).resolve(ARTIFACT).resolve(version)
        .resolve(ARTIFACT + "-" + version + "-" + CLASSIFIER + ".jar");
  }

  /**
   * For a jar of ours laid out as in a local Maven repository
   * ({@code <repo>/io/github/lbchaos/<artifactId>/<version>/<artifactId>-...jar}), the agents
   * jar of the same version there; the version is the directory's, which is also right for a
   * snapshot whose file name carries a timestamp. Empty for any other location.
   */
  static Optional<Path> besideInRepository(Path jar) {
    Path versionDir = jar.getParent();
    Path artifactDir = versionDir == null ? null : versionDir.getParent();
    Path groupDir = artifactDir == null ? null : artifactDir.getParent();
    if (groupDir == null || !groupDir.endsWith(GROUP_PATH)
        || !jar.getFileName().toString().endsWith(".jar")) {
      return Optional.empty();
    }
    String artifact = artifactDir.getFileName().toString();
    if (!jar.getFileName().toString().startsWith(artifact + "-")) {
      return Optional.empty();
    }
    Path repository = groupDir;
    for (int i = 0; i < GROUP_PATH.getNameCount(); i++) {
      repository = repository.getParent();
    }
    return repository == null ? Optional.empty()
        : Optional.of(inRepository(repository, versionDir.getFileName().toString()));
  }

  /** Maven's -Dmaven.repo.local when this JVM was given it, else ~/.m2/repository. */
  static Path localRepository() {
    String local = System.getProperty("maven.repo.local");
    return local != null && !local.isBlank() ? Path.of(local)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private static Optional<Path> codeSource(Class<?> type) {
    try {
      var source = type.getProtectionDomain().getCodeSource();
      return source == null || source.getLocation() == null ? Optional.empty()
          : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
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
