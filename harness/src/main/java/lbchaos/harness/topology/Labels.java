package lbchaos.harness.topology;

import java.util.Map;
import lbchaos.harness.docker.Docker;

/**
 * The labels on everything a run creates. The owner pid lets a later run (or `lbchaos clean`)
 * tell the leftovers of a dead run from a run still going on in parallel; the owner's PID
 * namespace says where that pid means something. An engine can be shared by runs on other
 * machines or in other containers (a CI job container, a remote engine), whose pids are not ours
 * to look up: their things are never swept as stale.
 */
public final class Labels {

  public static final String PID = "io.lbchaos.pid";
  public static final String PID_SPACE = "io.lbchaos.pidspace";

  private Labels() {}

  public static Map<String, String> of(RunId run) {
    return Map.of(
        Docker.LABEL, "true",
        Docker.RUN_LABEL, run.value(),
        PID, Long.toString(ProcessHandle.current().pid()),
        PID_SPACE, PidSpace.OURS,
        Docker.STARTED_LABEL, Long.toString(System.currentTimeMillis() / 1000));
  }
}
