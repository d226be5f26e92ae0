package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lbchaos.verdict.Bound;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.verdict.Tolerance;
import lbchaos.harness.scenario.Timings;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.Stack;
import lbchaos.privilege.Capability;
import lbchaos.privilege.Ids;
import lbchaos.privilege.ProcStatus;
import org.junit.jupiter.api.Test;

/**
 * The java stack's agents run unprivileged and still do their job: in each LB container every
 * thread of the VRRP and proxy agents is uid lbchaos with no way back to root, the VRRP agent's
 * state-machine thread holds CAP_NET_ADMIN and nothing else, the proxy holds no capability;
 * the proxy answers through the VIP; the master's VRRP agent stopped with SIGTERM removes its VIP
 * (rtnetlink, unprivileged) and the backup adds it, sends GARP and serves; the notify script ran
 * as the config's script_user (root).
 */
class LeastPrivilegeIT {

  /** Slack for a shared 2-core machine: signal delivery, scheduling, the 200 ms polls. */
  static final Tolerance MACHINE = Tolerance.of(Duration.ofMillis(700),
      "signal delivery, scheduling on a shared 2-core machine, 200 ms polls of ip addr");

  /** One agent process as /proc shows it: the status of each of its threads by name. */
  record Agent(String agent, int pid, List<String> threads, List<ProcStatus> status) {}

  @Test
  void agentsRunAsLbchaosAndTheJavaPairStillFailsOver() {
    LbSettings s = LbSettings.ARTICLE;
    try (Lab lab = Lab.start(LabSpec.article(Stack.JAVA).withSettings(s), l -> { },
        System.out)) {
      Node lb1 = lab.node("loadbalancer-1");
      Node lb2 = lab.node("loadbalancer-2");
      await("loadbalancer-1 alone holding the VIP").atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lab.vipHolders().equals(List.of("loadbalancer-1")));

      for (Node lb : List.of(lb1, lb2)) {
        Ids lbchaos = ids(lb);
        assertThat(lbchaos.uid()).as("%s: lbchaos is not root", lb.name()).isPositive();
        // The proxy starts once the VRRP agent reports ready (lb-java), then binds and drops:
        // wait for that start, bounded by the supervisor's 5 s fallback plus a JVM start.
        await(lb.name() + ": both agents running as lbchaos").atMost(PROXY_START)
            .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
            .until(() -> List.of(users(lb)).equals(List.of("lbchaos", "lbchaos")));
        Agent vrrp = agent(lb, "vrrp");
        Agent proxy = agent(lb, "proxy");
        assertThat(users(lb)).as("%s: ps shows both agents as lbchaos", lb.name())
            .containsExactly("lbchaos", "lbchaos");
        long netAdmin = Capability.mask(Set.of(Capability.NET_ADMIN));
        for (Agent a : List.of(vrrp, proxy)) {
          for (int t = 0; t < a.threads().size(); t++) {
            ProcStatus st = a.status().get(t);
            long kept = st.capEff() == 0 ? 0 : netAdmin;
            assertThat(st.problems(lbchaos, kept))
                .as("%s %s thread %s: all ids lbchaos, nothing beyond %s, nothing inheritable",
                    lb.name(), a.agent(), a.threads().get(t), a.agent().equals("vrrp")
                        ? "NET_ADMIN" : "no capability").isEmpty();
            if (a.agent().equals("proxy")) {
              assertThat(st.capPrm()).as("%s proxy thread %s: no capability", lb.name(),
                  a.threads().get(t)).isZero();
            }
          }
        }
        int machine = vrrp.threads().indexOf("vrrp-VI_1");
        assertThat(machine).as("%s: the VRRP agent's machine thread among %s", lb.name(),
            vrrp.threads()).isNotNegative();
        assertThat(vrrp.status().get(machine).capEff())
            .as("%s: the thread that changes the VIP keeps CAP_NET_ADMIN", lb.name())
            .isEqualTo(netAdmin);
      }

      // A webserver's container holds NET_ADMIN and SETPCAP for the harness's docker exec
      // only (Node.LENT): its own processes, from PID 1 down, have neither in their bounding set.
      long lent = Capability.mask(Set.of(Capability.NET_ADMIN)) | 1L << 8; // CAP_SETPCAP is 8
      for (Node web : lab.webservers()) {
        String bnd = web.exec(Duration.ofSeconds(5), "sh", "-c",
            "for p in $(pgrep -x apache2) 1; do grep CapBnd /proc/$p/status; done").stdout();
        assertThat(bnd.lines().toList()).as("%s: apache and PID 1's bounding sets", web.name())
            .hasSizeGreaterThan(1).allSatisfy(l -> assertThat(
                Long.parseLong(l.replaceAll("\\s+", " ").split(" ")[1], 16) & lent)
                .as("%s: %s", web.name(), l).isZero());
      }

      Node.ExecResult before = lab.curlVip(Duration.ofSeconds(2));
      assertThat(before.stdout()).as("the unprivileged proxy answers through the VIP: %s",
          before.stderr()).contains("This is coming from backend");

      Bound masterDown = MACHINE.applyTo(Expectations.masterDownInterval(Timings.vrrp(s, 1)));
      long t0 = System.nanoTime();
      assertThat(lb1.exec(Duration.ofSeconds(5), "pkill", "-TERM", "-f", "agents.ja[r] vrrp")
          .exitCode()).as("SIGTERM to the master's VRRP agent (root supervisor, CAP_KILL)")
          .isZero();
      await("the VIP on loadbalancer-2 only").atMost(masterDown.value().plusSeconds(2))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lab.vipHolders().equals(List.of("loadbalancer-2")));
      Duration moved = Duration.ofNanos(System.nanoTime() - t0);
      System.out.printf("figures least-privilege: SIGTERM to the master's unprivileged VRRP agent"
          + " -> VIP only on the backup %.3f s (bound %s)%n", moved.toNanos() / 1e9,
          masterDown.describe());
      assertThat(moved).as("VIP moved within %s", masterDown.describe())
          .isLessThanOrEqualTo(masterDown.value());
      await("the backup's proxy answering through the VIP").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lab.curlVip(Duration.ofSeconds(2)).stdout()
              .contains("This is coming from backend"));
      await("the notify script's status file on loadbalancer-2").atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lb2.exec(Duration.ofSeconds(5), "sh", "-c",
              "stat -c %U /tmp/load-balancer-status && cat /tmp/load-balancer-status").stdout()
              .matches("(?s)root\n.*marked MASTER\\s*"));
    }
  }

  /** lb-java's wait for the VRRP agent's ready line (5 s) plus a JVM start and bind. */
  static final Duration PROXY_START = Duration.ofSeconds(10);

  /** The users ps shows for the VRRP agent and the proxy agent, in that order. */
  private static String[] users(Node lb) {
    return lb.exec(Duration.ofSeconds(5), "sh", "-c", "ps -o user= -p $(pgrep -f 'agents.ja[r]"
        + " vrrp'); ps -o user= -p $(pgrep -f 'agents.ja[r] proxy')").stdout().strip()
        .split("\\s+");
  }

  private static Ids ids(Node lb) {
    String[] w = lb.exec(Duration.ofSeconds(5), "sh", "-c", "id -u lbchaos; id -g lbchaos")
        .stdout().strip().split("\\s+");
    return new Ids(Integer.parseInt(w[0]), Integer.parseInt(w[1]));
  }

  /** Every thread of the agent: its name (comm) and its /proc status. */
  private static Agent agent(Node lb, String agent) {
    Node.ExecResult r = lb.exec(Duration.ofSeconds(10), "sh", "-c",
        "p=$(pgrep -f 'agents.ja[r] " + agent + "'); echo \"pid $p\"; for t in /proc/$p/task/*;"
            + " do echo \"thread $(cat $t/comm)\"; cat $t/status; done");
    String[] blocks = r.stdout().split("(?m)^thread ");
    int pid = Integer.parseInt(blocks[0].strip().replace("pid ", ""));
    List<String> names = new ArrayList<>();
    List<ProcStatus> status = new ArrayList<>();
    for (int i = 1; i < blocks.length; i++) {
      int nl = blocks[i].indexOf('\n');
      names.add(blocks[i].substring(0, nl).strip());
      status.add(ProcStatus.parse(blocks[i].substring(nl + 1)));
    }
    assertThat(names).as("%s %s threads", lb.name(), agent).isNotEmpty();
    return new Agent(agent, pid, names, status);
  }
}
