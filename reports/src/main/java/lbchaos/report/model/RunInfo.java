package lbchaos.report.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a run's results came from, so that a summary read months later says what produced it.
 *
 * @param toolVersion lbchaos's version ("0.1.0-SNAPSHOT"; "unknown" when the build could not tell)
 * @param commit the git commit lbchaos was built from ("a1b2c3d"; "unknown" likewise)
 * @param started when the first scenario began
 * @param finished when the last scenario ended (equal to {@code started} while running)
 * @param host the engine's host: "kernel", "cores", "engine" (the Docker engine's version)
 * @param daemons what the LB nodes ran: "keepalived", "haproxy", "jre" as each printed it
 * @param seed the seed of a random schedule, when the run had one
 */
public record RunInfo(String toolVersion, String commit, Instant started, Instant finished,
    Map<String, String> host, Map<String, String> daemons, Long seed) {

  public RunInfo {
    toolVersion = toolVersion == null || toolVersion.isBlank() ? "unknown" : toolVersion;
    commit = commit == null || commit.isBlank() ? "unknown" : commit;
    Objects.requireNonNull(started, "started must not be null");
    finished = finished == null ? started : finished;
    Checks.order(started.toEpochMilli(), finished.toEpochMilli(), "run");
    host = Map.copyOf(new TreeMap<>(host));
    daemons = Map.copyOf(new TreeMap<>(daemons));
  }

  /** What is known of a run from its start time alone (tests, reports built by hand). */
  public static RunInfo startedAt(Instant started) {
    return new RunInfo(null, null, started, started, Map.of(), Map.of(), null);
  }

  public Duration duration() {
    return Duration.between(started, finished);
  }
}
