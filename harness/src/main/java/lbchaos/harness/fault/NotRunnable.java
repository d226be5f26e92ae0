package lbchaos.harness.fault;

/**
 * A fault the engine cannot inject because its host lacks something (a kernel without the netem
 * qdisc): not a failure of the configs or the agents, and not a harness bug. The scenario that
 * needs it is reported as not runnable with this reason (no verdict: exit 4 for a run, a skipped
 * test in JUnit), and the other scenarios run.
 */
public final class NotRunnable extends RuntimeException {

  public NotRunnable(String fault, String reason) {
    super(fault + " cannot run here: " + reason);
  }
}
