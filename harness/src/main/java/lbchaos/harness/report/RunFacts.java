package lbchaos.harness.report;

import com.github.dockerjava.api.model.Info;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.scenario.ScenarioResult;
import lbchaos.report.model.RunInfo;

/**
 * Where a run's results came from: this build's version and commit, the engine's host, and the
 * daemon versions the scenarios' LBs reported. What cannot be learnt is left out, not guessed.
 */
public final class RunFacts {

  private RunFacts() {}

  public static RunInfo of(Instant started, Long seed, List<ScenarioResult> results) {
    Properties build = build();
    String version = build.getProperty("git.build.version");
    String commit = build.getProperty("git.commit.id.abbrev");
    if (commit != null && "true".equals(build.getProperty("git.dirty"))) {
      commit += "-dirty";
    }
    Map<String, String> daemons = results.stream().map(r -> r.evidence().daemons())
        .filter(d -> !d.isEmpty()).findFirst().orElse(Map.of());
    return new RunInfo(version, commit, started, Instant.now(), host(), daemons, seed);
  }

  /** The git-commit-id plugin's file, when the build had a .git to read. */
  static Properties build() {
    Properties p = new Properties();
    try (InputStream in = RunFacts.class.getResourceAsStream("/lbchaos/git.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // no provenance is not a reason to lose the run's results
    }
    return p;
  }

  /** The engine's kernel, CPUs and version: the machine the topology ran on. */
  static Map<String, String> host() {
    Map<String, String> host = new LinkedHashMap<>();
    try {
      Info info = Docker.client().infoCmd().exec();
      put(host, "kernel", info.getKernelVersion());
      put(host, "cores", info.getNCPU() == null ? null : info.getNCPU().toString());
      put(host, "engine", info.getServerVersion());
      put(host, "os", info.getOperatingSystem());
    } catch (RuntimeException e) {
      host.put("engine", "unreachable when the run ended");
    }
    return host;
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v);
    }
  }
}
