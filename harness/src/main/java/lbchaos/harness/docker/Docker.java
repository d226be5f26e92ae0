package lbchaos.harness.docker;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;

/**
 * The one Docker client of the process, and the facts the rest of the harness needs about the
 * engine. Testcontainers finds and configures the client; we never let it pull: Ryuk and the
 * start-up checks are off (their images cannot be pulled here) and we clean up by label instead.
 */
public final class Docker {

  /** Every container, network and image we create carries this label ... */
  public static final String LABEL = "io.lbchaos";
  /** ... and containers and networks also carry the run they belong to. */
  public static final String RUN_LABEL = "io.lbchaos.run";
  /** Start time of the run (epoch seconds), so a sweep can tell stale runs from live ones. */
  public static final String STARTED_LABEL = "io.lbchaos.started";

  private Docker() {}

  /** Thrown when no engine answers: the CLI turns it into exit code 3. */
  public static final class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static DockerClient client() {
    requireNoPulls();
    requireNamedEngine(System.getenv("DOCKER_HOST"));
    try {
      return DockerClientFactory.instance().client();
    } catch (RuntimeException e) {
      throw new Unavailable("no Docker engine answers (" + e.getMessage() + "). Start one, or run"
          + " bin/lbchaos, which installs and starts it on Debian/Ubuntu as root.", e);
    }
  }

  /**
   * DOCKER_HOST names the engine the user means. Testcontainers tries the next strategy (the
   * default socket) when it does not answer, which would run the tests on another engine than
   * the one named; fail instead when its socket does not exist.
   */
  static void requireNamedEngine(String dockerHost) {
    if (dockerHost != null && dockerHost.startsWith("unix://")
        && !java.nio.file.Files.exists(java.nio.file.Path.of(dockerHost.substring(7)))) {
      throw new Unavailable("no Docker engine answers at DOCKER_HOST=" + dockerHost + " (no such"
          + " socket). Start one there, or unset DOCKER_HOST to use the default socket.", null);
    }
  }

  /** True when an engine answers within a few seconds. */
  public static boolean available() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** What Testcontainers must be told, from the environment (it reads these nowhere else). */
  public static final java.util.Map<String, String> ENVIRONMENT = java.util.Map.of(
      // Ryuk's image cannot be pulled; we clean up by label instead.
      "TESTCONTAINERS_RYUK_DISABLED", "true",
      // The start-up checks run the tiny image (alpine); none can be pulled.
      "TESTCONTAINERS_CHECKS_DISABLE", "true",
      // Without it Testcontainers runs the tiny image to find the engine's gateway address; we
      // map no ports, so the host name is never used.
      "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

  /** Fails fast, with what to set, where Testcontainers would otherwise try to pull. */
  static void requireNoPulls() {
    for (var e : ENVIRONMENT.entrySet()) {
      if (System.getenv(e.getKey()) == null) {
        throw new Unavailable("set " + ENVIRONMENT + " in the environment (bin/lbchaos and the"
            + " Maven build do): otherwise Testcontainers tries to pull images no registry here"
            + " serves", null);
      }
    }
  }
}
