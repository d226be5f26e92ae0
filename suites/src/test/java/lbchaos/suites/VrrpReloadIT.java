package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGHUP to the VRRP daemons is a reload, not a stop (keepalived 2.2.7's reload_vrrp_thread):
 * with the configs unchanged, both LBs reloaded under client load, the master keeps its VIP the
 * whole time, the backup never takes it and no request fails; then with the master's priority
 * edited below the backup's, the backup preempts it. The reference stack is the yardstick; the
 * java and mixed stacks must do the same.
 */
class VrrpReloadIT {

  /** How long the VIP is watched on the master after the SIGHUP. */
  static final Duration WATCH = Duration.ofSeconds(6);

  @ParameterizedTest(name = "{0} stack")
  @EnumSource(value = Stack.class, names = {"JAVA", "REFERENCE", "MIXED"})
  void sighupKeepsTheMasterThenAPriorityBelowThePeerHandsOver(Stack stack) throws Exception {
    List<Node.Line> lines = new CopyOnWriteArrayList<>();
    try (Lab lab = Lab.start(LabSpec.article(stack).withSettings(LbSettings.ARTICLE), lines::add,
        System.out)) {
      Node lb1 = lab.node("loadbalancer-1");
      Node lb2 = lab.node("loadbalancer-2");
      String vip = lab.plan().vip();
      await("loadbalancer-1 alone holding the VIP").atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lab.vipHolders().equals(List.of("loadbalancer-1")));
      // The baseline first: the backup's daemon runs (on the mixed stack the java backup
      // starts well after the reference master), and the service answers through the VIP (the
      // proxies start after the VRRP agents, so the VIP can be up before anything answers).
      await("loadbalancer-2 in BACKUP").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200)).until(() -> lines.stream().anyMatch(l ->
              l.node().equals("loadbalancer-2") && l.text().contains("BACKUP")));
      await("the service answering through the VIP").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500)).until(() -> lab.answersVip(Duration.ofSeconds(2)));
      String tag = stack.label();

      // 1. Unchanged configs, both daemons reloaded, a request every 50 ms after the last
      // through the VIP meanwhile.
      String url = "http://" + vip + ":" + lab.plan().servicePort() + "/";
      CompletableFuture<Node.ExecResult> load = CompletableFuture.supplyAsync(() ->
          lab.client().exec(WATCH.plusSeconds(30), "sh", "-c", "end=$(($(date +%s) + "
              + (WATCH.toSeconds() + 2) + ")); ok=0; failed=0; while [ $(date +%s) -lt $end ];"
              + " do start=$(date +%s.%N); if curl -s -S -f -o /dev/null --max-time 2 " + url
              + " 2>/tmp/curl.err; then ok=$((ok + 1)); else failed=$((failed + 1)); echo"
              + " \"failed at $start: $(cat /tmp/curl.err)\"; fi; sleep 0.05; done;"
              + " echo ok=$ok failed=$failed"));
      Thread.sleep(1000);
      long signalled;
      try (VipWatch onBackup = VipWatch.start(lb2, vip)) {
        signalled = VipWatch.nowNanos() / 1000;
        lb2.exec(Duration.ofSeconds(10), "sh", "-c", "pkill -HUP " + daemon(stack, 1));
        Node.ExecResult r = lb1.exec(WATCH.plusSeconds(20), "sh", "-c", "pkill -HUP "
            + daemon(stack, 0) + " && echo signalled; end=$(($(date +%s) + "
            + WATCH.toSeconds() + ")); looks=0; misses=0; while [ $(date +%s) -lt $end ]; do"
            + " looks=$((looks + 1)); ip -4 -o addr show dev eth0 | grep -q ' " + vip + "/' ||"
            + " misses=$((misses + 1)); sleep 0.005; done; echo looks=$looks misses=$misses;"
            + " pgrep " + daemon(stack, 0) + " > /dev/null && echo alive");
        System.out.printf("figures %s: SIGHUP, unchanged config: %s%n", tag,
            r.stdout().strip().replace('\n', ' '));
        assertThat(r.stdout()).as("%s: signal sent, VIP never missing on the master, daemon"
            + " alive", tag).contains("signalled", " misses=0", "alive");
        assertThatThrownBy(() -> onBackup.appearedAt(Duration.ofMillis(500)))
            .as("%s: the backup never held the VIP", tag)
            .hasMessageContaining("did not appear");
      }
      String served = load.get().stdout().strip();
      System.out.printf("figures %s: requests through the reloads: %s%n", tag, served);
      if (!served.contains("failed=0")) {
        System.out.printf("signalled at %d us; the LBs' lines:%n%s%n", signalled, String.join(
            "\n", lines.stream().filter(l -> l.node().startsWith("loadbalancer"))
                .map(l -> l.atMicros() + " " + l.node() + " " + l.text()).toList()));
      }
      assertThat(served).as("%s: no request failed", tag).contains("failed=0")
          .doesNotContain("ok=0 ");
      for (int i = 0; i < 2; i++) {
        String node = "loadbalancer-" + (i + 1);
        List<String> marker = stack.javaOn(i)
            ? List.of("\"type\":\"reload\"", "\"applied\":true") : List.of("Reloading");
        assertThat(lines.stream().filter(l -> l.node().equals(node)).map(Node.Line::text))
            .as("%s: %s logged its reload", tag, node)
            .anySatisfy(t -> assertThat(t).contains(marker));
      }

      // 2. The master's priority edited below the backup's (254): the backup preempts it.
      try (VipWatch onBackup = VipWatch.start(lb2, vip)) {
        long sent = VipWatch.timedExec(lb1, "sed -i 's/priority 255/priority 100/' "
            + ReferenceConfigs.KEEPALIVED_PATH + " && grep -q 'priority 100' "
            + ReferenceConfigs.KEEPALIVED_PATH + " && pkill -HUP " + daemon(stack, 0));
        long took = onBackup.appearedAt(Duration.ofSeconds(15)) - sent;
        System.out.printf("figures %s: SIGHUP with priority 255 -> 100: VIP on the backup after"
            + " %.3f s%n", tag, took / 1e9);
      }
      await("loadbalancer-2 alone holding the VIP").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lab.vipHolders().equals(List.of("loadbalancer-2")));
      assertThat(lb1.exec(Duration.ofSeconds(5), "sh", "-c", "pgrep " + daemon(stack, 0)
          + " > /dev/null && echo alive").stdout()).as("%s: lb1's daemon still runs", tag)
          .contains("alive");
      assertThat(lb2.exec(Duration.ofSeconds(5), "sh", "-c", "pgrep " + daemon(stack, 1)
          + " > /dev/null && echo alive").stdout()).as("%s: lb2's daemon still runs", tag)
          .contains("alive");
    }
  }

  /** pgrep/pkill's selector for an LB's VRRP daemon; "ja[r]" keeps the shell itself out. */
  private static String daemon(Stack stack, int lbIndex) {
    return stack.javaOn(lbIndex) ? "-f 'agents.ja[r] vrrp'" : "-o -x keepalived";
  }
}
