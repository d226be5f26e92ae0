package lbchaos.agents;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Entry point of the agents jar: {@code java -jar agents.jar <agent> [args]}. Each agent is a
 * small program; this only dispatches so that one jar serves every container.
 */
public final class Main {

  /** An agent's main method; returns the process exit code. */
  @FunctionalInterface
  public interface Agent {
    int run(String[] args) throws Exception;
  }

  private static final Map<String, Agent> AGENTS = new TreeMap<>();

  static {
    AGENTS.put("craft", lbchaos.craft.CraftAgent::main);
    AGENTS.put("probe", lbchaos.probe.ProbeAgent::main);
    AGENTS.put("observer", lbchaos.observer.ObserverAgent::main);
    AGENTS.put("proxy", lbchaos.proxy.ProxyAgent::main);
    AGENTS.put("stats-cmd", lbchaos.proxy.cli.StatsClient::main);
    AGENTS.put("vrrp", lbchaos.vrrp.agent.VrrpAgent::main);
  }

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !AGENTS.containsKey(args[0])) {
      System.err.println("usage: java -jar lbchaos-agents.jar <" + String.join("|", AGENTS.keySet())
          + "> [args]");
      System.exit(2);
    }
    System.exit(AGENTS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length)));
  }
}
