package lbchaos.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import lbchaos.harness.image.AgentsJar;
import lbchaos.harness.image.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI run from inside a container, as a CI job container runs it (the GitLab set-up): with
 * only the engine's socket mounted (as root, and as a user whose only right is the socket's
 * group, as a member of the {@code docker} group is), and with {@code DOCKER_HOST=tcp://...}
 * naming an engine it reaches over the network. A socat container forwarding TCP to the socket, on a private network
 * of this test, stands in for the remote engine: the engine is never published on a port of the
 * host. The first way runs the article's three scenarios ({@code demo}), the others master-down
 * alone (what differs between the ways is the engine's reach, not the scenarios: one each keeps
 * the gate about two minutes shorter); each must pass. The runner holds no capability, no host
 * namespace and no privilege, so a run that passes this way needs none of them, and the host's
 * firewall rules are the same afterwards.
 */
class RemoteEngineIT {

  static final String SOCKET = "/var/run/docker.sock";
  static final int PORT = 2375;
  static final Duration RUN_LIMIT = Duration.ofMinutes(8);

  static DockerClient docker;
  static String node;
  static String network;
  static String forwarder;
  static final List<String> CONTAINERS = new ArrayList<>();

  @BeforeAll
  static void engineReachableOverTcp() {
    docker = Docker.client();
    node = new Images(docker, new PrintStream(PrintStream.nullOutputStream()))
        .ensureNode(AgentsJar.locate());
    String id = UUID.randomUUID().toString().substring(0, 8);
    network = docker.createNetworkCmd().withName("lbchaos-remote-" + id).withInternal(true)
        .withLabels(Map.of(Docker.LABEL, "true")).exec().getId();
    forwarder = "lbchaos-engine-" + id;
    String c = docker.createContainerCmd(node).withName(forwarder)
        .withLabels(Map.of(Docker.LABEL, "true"))
        .withCmd("socat", "TCP-LISTEN:" + PORT + ",fork,reuseaddr", "UNIX-CONNECT:" + SOCKET)
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network)
            .withCapDrop(Capability.ALL).withBinds(Bind.parse(SOCKET + ":" + SOCKET)))
        .exec().getId();
    CONTAINERS.add(c);
    docker.startContainerCmd(c).exec();
  }

  @AfterAll
  static void removeAll() {
    for (String c : CONTAINERS) {
      docker.removeContainerCmd(c).withForce(true).exec();
    }
    if (network != null) {
      docker.removeNetworkCmd(network).exec();
    }
  }

  @ParameterizedTest(name = "{0} to the engine, {1} stack, as {2}: {3}")
  @CsvSource({"socket, reference, root, demo", "tcp, java, root, master-down",
      "socket, java, docker-group, master-down"})
  void theScenariosPassFromAContainer(String way, String stack, String user, String what)
      throws Exception {
    String firewall = hostFirewall();
    Path root = checkout();
    String javaHome = System.getProperty("java.home");
    List<Bind> binds = new ArrayList<>(List.of(Bind.parse(javaHome + ":" + javaHome + ":ro"),
        Bind.parse(root + ":/lbchaos:ro")));
    List<String> env = new ArrayList<>();
    if (way.equals("socket")) {
      binds.add(Bind.parse(SOCKET + ":" + SOCKET));
    } else {
      env.add("DOCKER_HOST=tcp://" + forwarder + ":" + PORT);
    }
    HostConfig host = HostConfig.newHostConfig().withNetworkMode(network)
        .withCapDrop(Capability.ALL).withBinds(binds);
    // Not root: nobody, whose one right on the engine is the socket's group.
    String uid = user.equals("root") ? "0:0"
        : "65534:" + Files.getAttribute(Path.of(SOCKET), "unix:gid");
    String runner = docker.createContainerCmd(node).withLabels(Map.of(Docker.LABEL, "true"))
        .withName(forwarder.replace("engine", "runner-" + CONTAINERS.size()))
        .withEnv(env).withWorkingDir("/tmp").withUser(uid).withHostConfig(host)
        .withCmd(command(javaHome, stack, what))
        .exec().getId();
    CONTAINERS.add(runner);
    var inspected = docker.inspectContainerCmd(runner).exec().getHostConfig();
    assertThat(inspected.getPrivileged()).as("privileged").isNotEqualTo(Boolean.TRUE);
    assertThat(inspected.getPidMode()).as("PID namespace").isNullOrEmpty();
    assertThat(inspected.getNetworkMode()).as("network namespace").isNotEqualTo("host");
    docker.startContainerCmd(runner).exec();
    Integer code = docker.waitContainerCmd(runner).start()
        .awaitStatusCode(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
    String out = logs(runner);
    assertThat(code).as("demo's exit code, %s to the engine, %s stack, as %s; it printed:%n%s",
        way, stack, user, out).isZero();
    assertThat(out).as("what the run printed")
        .contains(what.equals("demo") ? "3 of 3 passed" : "1 of 1 passed");
    assertThat(hostFirewall()).as("the host's firewall rules after the run").isEqualTo(firewall);
  }

  /** The CLI on the harness's classes: {@code demo}, or {@code run} of one scenario. */
  static List<String> command(String javaHome, String stack, String what) {
    List<String> cmd = new ArrayList<>(List.of(javaHome + "/bin/java", "-Dlbchaos.root=/lbchaos",
        "-Duser.home=/tmp", "-D" + Images.BUILDER_PROPERTY + "=" + Images.chooseBuilder(),
        "-cp", "/lbchaos/harness/target/classes:/lbchaos/harness/target/lib/*",
        "lbchaos.harness.cli.Cli"));
    cmd.addAll(what.equals("demo") ? List.of("demo", "--stack", stack)
        : List.of("run", "--stack", stack, "--scenario", what));
    return cmd;
  }

  /** The lbchaos checkout: Failsafe runs in harness/, bin/lbchaos and CI at the top. */
  static Path checkout() {
    Path here = AgentsJar.projectRoot();
    return Files.isDirectory(here.resolve("harness/target/classes")) ? here : here.getParent();
  }

  /** The host's iptables rules, or a note when they cannot be read (not root, no iptables). */
  static String hostFirewall() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("iptables-save").redirectErrorStream(true).start();
      String rules = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 ? rules.replaceAll("(?m)^#.*\\n", "")
          .replaceAll("\\[\\d+:\\d+\\]", "") : "unreadable";
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  static String logs(String container) throws InterruptedException {
    StringBuilder b = new StringBuilder();
    docker.logContainerCmd(container).withStdOut(true).withStdErr(true)
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame f) {
            b.append(new String(f.getPayload(), StandardCharsets.UTF_8));
          }
        }).awaitCompletion(30, TimeUnit.SECONDS);
    return b.toString();
  }
}
