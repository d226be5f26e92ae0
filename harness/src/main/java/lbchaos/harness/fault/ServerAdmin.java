package lbchaos.harness.fault;

import java.time.Duration;
import lbchaos.harness.topology.Lab;

/**
 * A server of every given LB's proxy forced into {@code state} (drain or maint) through its
 * runtime API socket, as an operator does before maintenance; heal sets it ready again. The
 * command goes through the agents jar's {@code stats-cmd} client, present in every node, to
 * haproxy's socket on the reference stack and the proxy agent's on the java stack; an answer
 * other than haproxy's empty line (an error message) fails the step.
 *
 * @param target the LBs, comma-separated
 * @param server "backend/server" as the haproxy.cfg names them
 * @param state "drain" or "maint"
 */
public record ServerAdmin(String target, String server, String state) implements Fault {

  /** Where the rendered haproxy.cfg puts the socket (Debian's packaged default). */
  public static final String SOCKET = lbchaos.harness.config.ReferenceConfigs.STATS_SOCKET;

  public ServerAdmin {
    if (!state.equals("drain") && !state.equals("maint")) {
      throw new IllegalArgumentException("state drain or maint, got " + state);
    }
    if (!server.contains("/")) {
      throw new IllegalArgumentException("backend/server expected, got " + server);
    }
  }

  public String name() {
    return state;
  }

  public void inject(Lab lab) {
    set(lab, state);
  }

  public void heal(Lab lab) {
    set(lab, "ready");
  }

  private void set(Lab lab, String to) {
    for (String lb : target.split(",")) {
      String answer = command(lab, lb, "set server " + server + " state " + to);
      if (!answer.equals("\n")) {
        throw new IllegalStateException("set server " + server + " state " + to + " on " + lb
            + ": " + answer.strip());
      }
    }
  }

  /** One runtime API command on {@code lb}'s socket; its answer. */
  public static String command(Lab lab, String lb, String command) {
    var r = lab.node(lb).exec(Duration.ofSeconds(20), "java", "-jar",
        "/opt/lbchaos/agents.jar", "stats-cmd", SOCKET, command);
    if (!r.ok()) {
      throw new IllegalStateException("stats-cmd on " + lb + " failed (" + r.exitCode() + "): "
          + r.stderr().strip());
    }
    return r.stdout();
  }

  public String detail() {
    return "set server " + server + " state " + state + " on " + target + "'s stats socket";
  }
}
