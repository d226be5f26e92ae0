package lbchaos.harness.topology;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A steady CPU hog beside the topologies a bench runs (`bench --contention`): one busy loop per
 * core of the engine, in a container of its own pinned to all of them and held by its CPU quota
 * to {@code cpus} cores' worth in all. The topologies' containers are not pinned, so they share
 * every core with it: a busy CI machine, made reproducible. No capability; labelled like a
 * run's helpers (a sweep or `lbchaos clean` removes it if the bench is killed), and ended by
 * {@code timeout} after {@code lifetime} whatever becomes of the bench.
 */
public final class CpuHog implements AutoCloseable {

  private final DockerClient docker;
  private final String id;

  private CpuHog(DockerClient docker, String id) {
    this.docker = docker;
    this.id = id;
  }

  /** Starts the hog from {@code image} (any of ours: it needs sh, seq and timeout). */
  public static CpuHog start(DockerClient docker, String image, double cpus, Duration lifetime) {
    int cores = docker.infoCmd().exec().getNCPU();
    RunId run = RunId.random();
    Map<String, String> labels = new HashMap<>(Labels.of(run));
    labels.put(HelperContainer.LABEL, "cpu hog");
    HostConfig host = HelperContainer.isolated()
        .withCpusetCpus(cores > 1 ? "0-" + (cores - 1) : "0")
        .withNanoCPUs((long) (cpus * 1e9));
    String id = docker.createContainerCmd(image).withName("lbchaos-" + run.value() + "-cpu-hog")
        .withLabels(labels)
        .withCmd(command(cores, lifetime)).withHostConfig(host).exec().getId();
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      docker.removeContainerCmd(id).withForce(true).exec();
      throw e;
    }
    return new CpuHog(docker, id);
  }

  /** The hog's command: {@code cores} busy loops under one {@code timeout}. */
  static List<String> command(int cores, Duration lifetime) {
    return List.of("timeout", Long.toString(lifetime.toSeconds()), "sh", "-c",
        "for i in $(seq " + cores + "); do (while :; do :; done) & done; wait");
  }

  @Override
  public void close() {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException e) {
      // removed by a sweep meanwhile
    }
  }
}
