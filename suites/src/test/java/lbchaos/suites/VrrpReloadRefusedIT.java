package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;

/**
 * The java VRRP agent on a reload it cannot apply keeps running its config: a file with an
 * error (logged at file:line) and, after the privilege drop, a new instance (its raw socket
 * needs CAP_NET_RAW, which the agent does not keep).
 */
class VrrpReloadRefusedIT {

  @Test
  void aReloadThatCannotBeAppliedKeepsTheMaster() throws Exception {
    List<Node.Line> lines = new CopyOnWriteArrayList<>();
    try (Lab lab = Lab.start(LabSpec.article(Stack.JAVA).withSettings(LbSettings.ARTICLE),
        lines::add, System.out)) {
      Node lb1 = lab.node("loadbalancer-1");
      await("loadbalancer-1 alone holding the VIP").atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lab.vipHolders().equals(List.of("loadbalancer-1")));
      String conf = ReferenceConfigs.KEEPALIVED_PATH;
      String hup = "pkill -HUP -f 'agents.ja[r] vrrp'";

      lb1.exec(Duration.ofSeconds(10), "sh", "-c", "cp " + conf + " /tmp/good.conf && printf"
          + " 'vrrp_instance BAD {\\n priority 300\\n}\\n' >> " + conf + " && " + hup);
      await("a refused reload").atMost(Duration.ofSeconds(10)).until(() -> refused(lines) == 1);
      assertThat(texts(lines)).as("the error at its file:line").anySatisfy(t ->
          assertThat(t).contains(conf + ":", "priority must be 1..255"));

      String vip2 = lab.plan().vip().replaceAll("\\.\\d+$", ".212");
      lb1.exec(Duration.ofSeconds(10), "sh", "-c", "cp /tmp/good.conf " + conf + " && printf"
          + " 'vrrp_instance VI_2 {\\n interface eth0\\n virtual_router_id " + (lab.vrid() + 1)
          + "\\n priority 100\\n virtual_ipaddress {\\n  " + vip2 + "/24\\n }\\n}\\n' >> " + conf
          + " && " + hup);
      await("a second refused reload").atMost(Duration.ofSeconds(10))
          .until(() -> refused(lines) == 2);
      System.out.println("figures java: refused reloads:\n" + String.join("\n", texts(lines)
          .stream().filter(t -> t.contains("\"type\":\"reload\"") || t.contains("cannot open"))
          .toList()));
      assertThat(texts(lines)).as("why").anySatisfy(t ->
          assertThat(t).contains("cannot open the sockets of a new instance"));
      assertThat(lab.vipHolders()).as("the master goes on").containsExactly("loadbalancer-1");
    }
  }

  private static List<String> texts(List<Node.Line> lines) {
    return lines.stream().filter(l -> l.node().equals("loadbalancer-1")).map(Node.Line::text)
        .toList();
  }

  private static long refused(List<Node.Line> lines) {
    return texts(lines).stream().filter(t -> t.contains("\"type\":\"reload\"")
        && t.contains("\"applied\":false")).count();
  }
}
