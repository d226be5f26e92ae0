package lbchaos.harness.topology;

import java.util.Map;
import lbchaos.harness.docker.Docker;

/**
 * The labels on everything a run creates. The owner pid lets a later run (or `lbchaos clean`)
 * tell the leftovers of a dead run from a run still going on in parallel.
 */
public final class Labels {

  public static final String PID = "io.lbchaos.pid";

  private Labels() {}

  public static Map<String, String> of(RunId run) {
    return Map.of(
        Docker.LABEL, "true",
        Docker.RUN_LABEL, run.value(),
        PID, Long.toString(ProcessHandle.current().pid()),
        Docker.STARTED_LABEL, Long.toString(System.currentTimeMillis() / 1000));
  }
}
