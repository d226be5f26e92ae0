package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;

/** The article's "LB up but cannot reach the backends": the LB drops what it sends them. */
public record BlockBackends(String target) implements Fault {
  public String name() {
    return "block-backends";
  }

  public void inject(Lab lab) {
    for (Node web : lab.webservers()) {
      toward(web).insert(lab.node(target));
    }
  }

  public void heal(Lab lab) {
    for (Node web : lab.webservers()) {
      toward(web).remove(lab.node(target));
    }
  }

  private static NetRule toward(Node web) {
    return new NetRule("OUTPUT", "-d", web.ip(), "-j", "DROP");
  }
}
