package lbchaos.harness.scenario;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import lbchaos.harness.topology.Node;

/**
 * What the LB image runs, as each daemon prints its own version, for the summary's provenance:
 * the same image serves both stacks, so one LB tells for the run. A daemon that cannot say is
 * left out rather than guessed.
 */
final class DaemonVersions {

  /** One line per daemon, "name=first line of its version output". */
  static final String COMMAND = "echo keepalived=$(keepalived --version 2>&1 | head -n1);"
      + " echo haproxy=$(haproxy -v 2>&1 | head -n1);"
      + " echo jre=$(java -version 2>&1 | head -n1)";

  private DaemonVersions() {}

  static Map<String, String> ask(Node lb) {
    Node.ExecResult r = lb.exec(Duration.ofSeconds(10), "sh", "-c", COMMAND);
    return r.ok() ? parse(r.stdout()) : Map.of();
  }

  /** "keepalived=Keepalived v2.2.8 (...)" lines to a map; empty values are dropped. */
  static Map<String, String> parse(String out) {
    Map<String, String> versions = new LinkedHashMap<>();
    out.lines().forEach(l -> {
      int eq = l.indexOf('=');
      if (eq > 0 && !l.substring(eq + 1).isBlank()) {
        versions.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      }
    });
    return versions;
  }
}
