package lbchaos.harness.topology;

import lbchaos.harness.fault.Faults;
import lbchaos.harness.fault.Nemesis;

/**
 * A runner that LeakIT kills with SIGKILL in the middle of a fault: it starts the topology,
 * blocks VRRP between the LBs, prints its run id and waits to be killed.
 */
public final class KilledRunner {

  private KilledRunner() {}

  public static void main(String[] args) throws Exception {
    Lab lab = Lab.start(LabSpec.article(Stack.REFERENCE), l -> { }, System.err);
    Nemesis nemesis = new Nemesis(lab, e -> { });
    nemesis.inject(Faults.blockVrrp());
    System.out.println("RUN " + lab.run());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
