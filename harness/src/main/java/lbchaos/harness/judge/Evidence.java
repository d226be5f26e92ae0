package lbchaos.harness.judge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import lbchaos.harness.check.Checker;
import lbchaos.harness.history.History;

/**
 * What one scenario run recorded, and all a judge needs to give its verdicts again later: the
 * History, the checks that apply with their bounds (derivations and tolerances included), the
 * topology and the configs the daemons ran. Written as {@code history-<scenario>.json}.
 *
 * @param topology node name to address, as the run laid it out
 * @param configs "node:path" to the file's content, for every config and script the LBs ran
 * @param daemons what the LB image runs, as each daemon printed its version ("keepalived",
 *     "haproxy", "jre"); empty when they could not be asked
 */
public record Evidence(String scenario, String description, String stack,
    Map<String, String> topology, Map<String, String> configs, Map<String, String> daemons,
    List<Checker> checks, History history) {

  /** Bumped when the file's shape changes in a way an older reader would misread. */
  public static final int SCHEMA_VERSION = 2;

  public Evidence {
    Objects.requireNonNull(scenario, "scenario");
    description = description == null ? "" : description;
    stack = stack == null ? "" : stack;
    topology = Map.copyOf(topology);
    configs = Map.copyOf(configs);
    daemons = Map.copyOf(daemons);
    checks = List.copyOf(checks);
    Objects.requireNonNull(history, "history");
  }
}
