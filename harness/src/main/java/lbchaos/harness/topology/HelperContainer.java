package lbchaos.harness.topology;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lbchaos.harness.docker.Docker;

/**
 * A short-lived container that runs one command and is removed: how the harness acts where a
 * node's own capabilities do not reach, through the Docker API alone (no host command, no host
 * PID namespace). Labelled like everything of its run, so a sweep or `lbchaos clean` removes
 * one that a killed run left behind.
 */
final class HelperContainer {

  /** What a helper is for ("net-admin loadbalancer-1", "host routes"): shows in `docker ps`. */
  static final String LABEL = Docker.LABEL + ".helper";

  private HelperContainer() {}

  /**
   * The host side of a helper that acts in {@code target}'s network namespace, as Pumba does:
   * joined to that namespace, CAP_NET_ADMIN and nothing else, never privileged. It sees the
   * namespace the target has now, so after a restart it acts on the new one.
   */
  static HostConfig inNetns(String targetContainerId) {
    return HostConfig.newHostConfig()
        .withNetworkMode("container:" + targetContainerId)
        .withCapDrop(Capability.ALL)
        .withCapAdd(Capability.NET_ADMIN)
        .withPrivileged(false);
  }

  /**
   * The engine host's network namespace with no capability at all: enough to read its routes,
   * nothing to change them.
   */
  static HostConfig readHostNetwork() {
    return isolated().withNetworkMode("host");
  }

  /** No network and no capability at all: for a helper that only computes or measures. */
  static HostConfig isolated() {
    return HostConfig.newHostConfig()
        .withNetworkMode("none")
        .withCapDrop(Capability.ALL)
        .withPrivileged(false);
  }

  /** Runs {@code command} in a new helper and returns how it ended; the helper is removed. */
  static Node.ExecResult run(DockerClient docker, String image, RunId run, String purpose,
      HostConfig host, Duration timeout, String... command) {
    Map<String, String> labels = new HashMap<>(Labels.of(run));
    labels.put(LABEL, purpose);
    String id = docker.createContainerCmd(image).withLabels(labels).withCmd(command)
        .withHostConfig(host).exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      Integer code = docker.waitContainerCmd(id).start()
          .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      var logs = docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame f) {
              (f.getStreamType() == StreamType.STDERR ? err : out).writeBytes(f.getPayload());
            }
          });
      if (!logs.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(purpose + ": its output did not arrive within " + timeout);
      }
      return new Node.ExecResult(code == null ? -1 : code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(purpose + ": interrupted", e);
    } finally {
      try {
        docker.removeContainerCmd(id).withForce(true).exec();
      } catch (RuntimeException e) {
        // removed by a sweep meanwhile
      }
    }
  }
}
