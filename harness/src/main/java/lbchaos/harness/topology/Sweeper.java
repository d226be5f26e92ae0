package lbchaos.harness.topology;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import lbchaos.harness.docker.Docker;

/**
 * Removes what runs left behind: containers (helpers included) and networks labelled as ours,
 * found through the Docker API by label alone. By default only those of runs whose owner process
 * is gone, looked up only where its pid means something ({@link PidSpace}), so parallel runs,
 * and runs from other machines or containers on a shared engine, are safe; `clean` removes them
 * all.
 */
public final class Sweeper {

  /**
   * What a sweep removed, and the networks it could not remove though nothing of ours is
   * attached any more (each with the engine's reason).
   */
  public record Swept(int containers, int networks, List<String> resisting) {
    public Swept {
      resisting = List.copyOf(resisting);
    }

    public int total() {
      return containers + networks;
    }

    /**
     * What to tell the user about {@link #resisting}, or nothing. Docker 20.10 can keep a stale
     * endpoint in its store after its container is gone ("has active endpoints"): only a
     * restart of the engine clears it, and until then every sweep fails on that network.
     */
    public List<String> advice() {
      return resisting.stream().map(Sweeper::advice).toList();
    }
  }

  /** A network the engine would not remove, as {@link Swept#resisting} lists it. */
  static String refusal(String network, RuntimeException e) {
    return network + ": " + String.valueOf(e.getMessage()).strip();
  }

  /** What to tell the user of a network the engine would not remove (a {@link #refusal}). */
  static String advice(String resisting) {
    return "lbchaos: cannot remove network " + resisting
        + (resisting.contains("active endpoints") ? " (no container of ours is attached: a stale"
            + " endpoint in the engine's store; restarting the Docker engine clears it)" : "");
  }

  private Sweeper() {}

  public static Swept staleRuns(DockerClient docker) {
    // A pid of -1 (no owner label) is never stale: image builds run their RUN steps in
    // containers that inherit our label from the base image, and another run's sweep must
    // not kill a build in progress (it did: exit 137 in the middle of a node image build).
    return sweep(docker, Sweeper::stale);
  }

  /** A dead run's, looked up where its pid means something (another machine's never is). */
  static boolean stale(Map<String, String> labels) {
    return PidSpace.ours(labels.get(Labels.PID_SPACE)) && (stale(pid(labels))
        || reused(pid(labels), started(labels)));
  }

  /**
   * The run's pid now names another process: one that began after the run did (pids wrap at
   * 32,768 on a busy machine, and a dead run's network then stayed behind as if its owner
   * lived). A second of slack: the label is whole seconds.
   */
  static boolean reused(long ownerPid, long runStartedEpochSecond) {
    return ownerPid > 0 && runStartedEpochSecond > 0 && ProcessHandle.of(ownerPid)
        .flatMap(p -> p.info().startInstant())
        .map(s -> s.getEpochSecond() > runStartedEpochSecond + 1).orElse(false);
  }

  private static long started(Map<String, String> labels) {
    try {
      return Long.parseLong(labels.getOrDefault(Docker.STARTED_LABEL, ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Left behind by a run whose owner process is gone; never a labelled thing of no run. */
  static boolean stale(long ownerPid) {
    return ownerPid > 0 && ownerGone(ownerPid);
  }

  public static Swept everything(DockerClient docker) {
    long self = ProcessHandle.current().pid();
    return sweep(docker, labels -> pid(labels) != self
        || !PidSpace.ours(labels.get(Labels.PID_SPACE)));
  }

  private static Swept sweep(DockerClient docker, Predicate<Map<String, String>> ownerMatches) {
    int c = 0;
    for (Container ct : docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Docker.LABEL, "true")).exec()) {
      if (ownerMatches.test(labels(ct.getLabels()))) {
        try {
          docker.removeContainerCmd(ct.getId()).withForce(true).withRemoveVolumes(true).exec();
          c++;
        } catch (RuntimeException e) {
          // removed concurrently
        }
      }
    }
    int n = 0;
    List<String> resisting = new java.util.ArrayList<>();
    for (Network net : docker.listNetworksCmd().withFilter("label", List.of(Docker.LABEL)).exec()) {
      if (ownerMatches.test(labels(net.getLabels()))) {
        try {
          docker.removeNetworkCmd(net.getId()).exec();
          n++;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
          // removed concurrently
        } catch (RuntimeException e) {
          // Its containers were removed above: one still attached belongs to no run of ours.
          resisting.add(refusal(net.getName(), e));
        }
      }
    }
    return new Swept(c, n, resisting);
  }

  static boolean ownerGone(long pid) {
    return pid <= 0 || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  private static Map<String, String> labels(Map<String, String> labels) {
    return labels == null ? Map.of() : labels;
  }

  private static long pid(Map<String, String> labels) {
    try {
      return Long.parseLong(labels.getOrDefault(Labels.PID, ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
