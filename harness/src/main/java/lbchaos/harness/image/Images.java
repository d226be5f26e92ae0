package lbchaos.harness.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import lbchaos.harness.docker.Docker;

/**
 * Builds the two images when they are missing, never pulls. The base image (Debian + daemons) is
 * made offline with mmdebstrap + docker import, or from a Dockerfile where a registry is
 * reachable; the node image adds a jlink-made Java 25 runtime and the agents jar. Both are tagged
 * by a hash of their inputs, and a tag is only set once its build succeeded.
 */
public final class Images {

  /** Where the builder choice comes from: -Dlbchaos.image.builder=auto|mmdebstrap|registry. */
  public static final String BUILDER_PROPERTY = "lbchaos.image.builder";

  /** jdeps of the agents jar, plus jdk.net for socket options and java.management for RSS. */
  static final String JRE_MODULES = "java.base,java.desktop,java.logging,java.management,"
      + "java.naming,java.sql,jdk.jfr,jdk.net,jdk.unsupported";

  private static final String[] NODE_SCRIPTS =
      {"lbchaos-java", "webserver", "lb-reference", "lb-java", "observer", "isolated"};

  private final DockerClient docker;
  private final PrintStream progress;
  private final String salt;

  public Images(DockerClient docker, PrintStream progress) {
    this(docker, progress, "");
  }

  /**
   * With a non-empty {@code salt} mixed into both hashes, every tag is new: a cold build from
   * scratch, as on a fresh machine, without touching the images runs use (the benchmark's).
   */
  public Images(DockerClient docker, PrintStream progress, String salt) {
    this.docker = docker;
    this.progress = progress;
    this.salt = salt;
  }

  /** The node image tag on the default base, building what is missing. */
  public String ensureNode(Path agentsJar) {
    return ensureNode(agentsJar, BaseRecipe.DEFAULT);
  }

  /** The node image tag on {@code recipe}'s base, building the base and node images first. */
  public String ensureNode(Path agentsJar, BaseRecipe recipe) {
    String base = ensureBase(recipe);
    String javaHome = System.getProperty("java.home");
    Hashes h = new Hashes().add(base).add(JRE_MODULES).add(Runtime.version().toString())
        .addFile(agentsJar).add(resource("Dockerfile"));
    for (String s : NODE_SCRIPTS) {
      h.add(s).add(resource(s));
    }
    String tag = "lbchaos/node:" + h.shortHex();
    if (exists(tag)) {
      return tag;
    }
    long t0 = System.nanoTime();
    progress.println("lbchaos: building node image " + tag + " (Java runtime + agents)...");
    Path ctx = tempDir("lbchaos-node-");
    try {
      Files.writeString(ctx.resolve("Dockerfile"), resource("Dockerfile").replace("@BASE@", base));
      Files.copy(agentsJar, ctx.resolve("agents.jar"));
      Path bin = Files.createDirectories(ctx.resolve("bin"));
      for (String s : NODE_SCRIPTS) {
        Files.writeString(bin.resolve(s), resource(s));
      }
      step("jlink", () -> HostCommand.run(Duration.ofMinutes(3), Path.of(javaHome, "bin", "jlink")
          .toString(), "--add-modules", JRE_MODULES, "--strip-debug", "--no-man-pages",
          "--no-header-files", "--output", ctx.resolve("jre").toString()));
      step("docker build node", () -> docker.buildImageCmd(ctx.toFile())
          .withTags(Set.of(tag)).withLabels(Map.of(Docker.LABEL, "true")).withPull(false)
          .withRemove(true).withForcerm(true)
          .exec(new BuildImageResultCallback()).awaitImageId());
      progress.printf("lbchaos: node image ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      return tag;
    } catch (IOException e) {
      throw new ImageBuildException("prepare node context", e.getMessage(), e);
    } finally {
      deleteTree(ctx);
    }
  }

  /** The base image tag, building it where missing. */
  public String ensureBase(BaseRecipe recipe) {
    String builder = chooseBuilder();
    // A salted base has its own tag, hence so has the node image built on it.
    String tag = baseTag(recipe, builder + salt);
    if (exists(tag)) {
      return tag;
    }
    long t0 = System.nanoTime();
    progress.println("lbchaos: building base image " + tag + " with " + builder
        + " (Debian " + recipe.suite() + " + keepalived, haproxy, apache2; about a minute)...");
    if (builder.equals("mmdebstrap")) {
      Path dir = tempDir("lbchaos-base-");
      Path tar = dir.resolve("rootfs.tar");
      try {
        step("mmdebstrap", () -> HostCommand.run(Duration.ofMinutes(15),
            recipe.mmdebstrap(tar.toString()).toArray(String[]::new)));
        // docker import sets the tag only when the whole tarball went in.
        step("docker import", () -> HostCommand.run(Duration.ofMinutes(5), "docker", "import",
            "--change", "LABEL " + Docker.LABEL + "=true", "--change", "CMD [\"/bin/bash\"]",
            tar.toString(), tag));
      } finally {
        deleteTree(dir);
      }
    } else {
      Path ctx = tempDir("lbchaos-base-");
      try {
        Files.writeString(ctx.resolve("Dockerfile"), recipe.dockerfile());
        step("docker build base (FROM debian:" + recipe.suite() + "-slim)", () ->
            docker.buildImageCmd(ctx.toFile()).withTags(Set.of(tag)).withForcerm(true)
                .exec(new BuildImageResultCallback()).awaitImageId());
      } catch (IOException e) {
        throw new ImageBuildException("prepare base context", e.getMessage(), e);
      } finally {
        deleteTree(ctx);
      }
    }
    progress.printf("lbchaos: base image ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return tag;
  }

  static String baseTag(BaseRecipe recipe, String builder) {
    return "lbchaos/base:" + new Hashes().add(recipe.toString()).add(builder).shortHex();
  }

  public static String chooseBuilder() {
    String wanted = System.getProperty(BUILDER_PROPERTY, "auto");
    return switch (wanted) {
      case "mmdebstrap", "registry" -> wanted;
      case "auto" -> onPath("mmdebstrap") ? "mmdebstrap" : "registry";
      default -> throw new IllegalArgumentException(BUILDER_PROPERTY + "=" + wanted
          + ": expected auto, mmdebstrap or registry");
    };
  }

  boolean exists(String tag) {
    try {
      docker.inspectImageCmd(tag).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  private static void step(String name, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      throw new ImageBuildException(name, e.getMessage(), e);
    }
  }

  static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }

  static String resource(String name) {
    try (InputStream in = Images.class.getResourceAsStream("/lbchaos/node/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /lbchaos/node/" + name);
      }
      return new String(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temp dir left behind is not a test failure.
    }
  }
}
