package lbchaos.harness.docker;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The one Docker client of the process, and the facts the rest of the harness needs about the
 * engine.
 *
 * <p>The engine is found by Testcontainers' own discovery, as for any test in the same JVM:
 * {@code tc.host} or {@code docker.host} in ~/.testcontainers.properties, DOCKER_HOST, the
 * default and rootless sockets, a strategy named in its configuration. We take only that
 * discovery ({@link DockerClientFactory#getTransportConfig()}) and build our client from it; we
 * do not call {@code DockerClientFactory.client()}, which would also start Ryuk (an image to
 * pull) and, in a JVM that runs inside a container, run Testcontainers' tiny image (alpine) to
 * learn the gateway's address. The harness needs neither: it maps no ports, and it removes what
 * it created by label (see Sweeper). So nothing has to be set in the environment (no registry is
 * needed), and a depending project's own Testcontainers settings (Ryuk, image substitutions, ...)
 * stay as they are for its own containers.
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

  private static DockerClient client;

  /** Connects on first use; then the same client for the rest of the process. */
  public static synchronized DockerClient client() {
    if (client == null) {
      client = connect();
    }
    return client;
  }

  private static DockerClient connect() {
    Optional<Named> named = namedEngine(System.getenv(),
        TestcontainersConfiguration.getInstance().getUserProperties());
    named.ifPresent(Docker::requireNamedEngine);
    try {
      TransportConfig transport = DockerClientFactory.instance().getTransportConfig();
      return DockerClientProviderStrategy.getClientForConfig(transport);
    } catch (RuntimeException e) {
      throw new Unavailable(notAnswering(named, e.getMessage()), e);
    }
  }

  /** True when an engine answers within a few seconds. */
  public static boolean available() {
    try {
      client().pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** An engine the user named, and where: the setting to change when it does not answer. */
  record Named(String host, String setting) {}

  /**
   * The engine the user named, in Testcontainers' order (its strategies try {@code tc.host}
   * first, then DOCKER_HOST, which the environment sets before ~/.testcontainers.properties'
   * {@code docker.host}); empty when it is left to find one (the default socket and the like).
   * An empty value counts as unset, as in Testcontainers.
   */
  static Optional<Named> namedEngine(Map<String, String> env, Properties userProperties) {
    String tcHost = userProperties.getProperty("tc.host");
    if (tcHost != null && !tcHost.isBlank()) {
      return Optional.of(new Named(tcHost, "tc.host in ~/.testcontainers.properties"));
    }
    String dockerHost = env.get("DOCKER_HOST");
    if (dockerHost != null && !dockerHost.isEmpty()) {
      return Optional.of(new Named(dockerHost, "DOCKER_HOST"));
    }
    String property = userProperties.getProperty("docker.host");
    if (property != null && !property.isBlank()) {
      return Optional.of(new Named(property, "docker.host in ~/.testcontainers.properties"));
    }
    return Optional.empty();
  }

  /**
   * A named engine is the one the user means. Testcontainers tries the next strategy (the
   * default socket) when it does not answer, which would run the tests on another engine than
   * the one named; fail instead when its socket does not exist.
   */
  static void requireNamedEngine(Named named) {
    String host = named.host();
    if (host.startsWith("unix://") && !Files.exists(Path.of(host.substring(7)))) {
      throw new Unavailable("no Docker engine answers at " + named.setting() + "=" + host
          + " (no such socket). Start one there, or change or remove " + named.setting()
          + " to use the default socket.", null);
    }
  }

  /** What went wrong and what to do, naming where Testcontainers looked. */
  static String notAnswering(Optional<Named> named, String cause) {
    String where = named.map(n -> "at " + n.setting() + "=" + n.host())
        .orElse("(none named: DOCKER_HOST is unset, and so are tc.host and docker.host in"
            + " ~/.testcontainers.properties; tried the default socket"
            + " unix:///var/run/docker.sock and the rootless one under $XDG_RUNTIME_DIR)");
    return "no Docker engine answers " + where + ": " + cause + ". Start one, or name it with"
        + " DOCKER_HOST; or run bin/lbchaos, which installs and starts one on Debian/Ubuntu as"
        + " root.";
  }
}
