package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import lbchaos.verdict.Bound;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.verdict.Tolerance;
import lbchaos.harness.scenario.Timings;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our VRRP agent and the real keepalived in one VRID (the mixed stack: loadbalancer-1 runs
 * keepalived, loadbalancer-2 our agent, both from the same rendered keepalived.conf). Each
 * elects the higher priority whichever side has it, and the survivor takes the VIP within the
 * master down interval when the master's node dies. Priorities 200/100 avoid the address owner
 * (255), whose special cases are not what is tested here. Every test runs on each {@link Wire}:
 * the article's multicast VRRPv2, unicast (unicast_src_ip / unicast_peer), and VRRPv3 with a
 * sub-second interval (centiseconds on the wire), multicast and unicast.
 */
class VrrpInteropIT {

  /** Slack for a shared 2-core machine: container kill, scheduling, the watcher's poll. */
  static final Tolerance MACHINE = Tolerance.of(Duration.ofMillis(500),
      "container kill, scheduling on a shared 2-core machine and the watcher's 2 ms polls");

  /** How the two daemons talk: the same knobs render both nodes' keepalived.conf. */
  enum Wire {
    MULTICAST_V2(LbSettings.ARTICLE),
    UNICAST_V2(LbSettings.ARTICLE.withUnicast(true)),
    // 0.5 s, not 0.1 s: sub-second (50 centiseconds on the wire) without a JVM pause on this
    // busy 2-core machine looking like a dead master.
    MULTICAST_V3(LbSettings.ARTICLE.withAdverts(3, Duration.ofMillis(500))),
    UNICAST_V3(LbSettings.ARTICLE.withAdverts(3, Duration.ofMillis(500)).withUnicast(true));

    final LbSettings settings;

    Wire(LbSettings settings) {
      this.settings = settings;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Wire.class)
  void keepalivedHigherIsElectedAndJavaTakesOverWhenItDies(Wire wire) throws Exception {
    LbSettings s = wire.settings.withPriorities(200, 100);
    try (Lab lab = Lab.start(LabSpec.article(Stack.MIXED).withSettings(s), l -> { },
        System.out)) {
      electedAndStable(lab, s, "loadbalancer-1");
      tsharkReadsTheMastersAdverts(lab, s, lab.node("loadbalancer-1"), lab.node("loadbalancer-2"),
          200);
      failsOver(lab, s, lab.node("loadbalancer-1"), lab.node("loadbalancer-2"), 1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Wire.class)
  void javaHigherIsElectedAndKeepalivedTakesOverWhenItDies(Wire wire) throws Exception {
    LbSettings s = wire.settings.withPriorities(100, 200);
    try (Lab lab = Lab.start(LabSpec.article(Stack.MIXED).withSettings(s), l -> { },
        System.out)) {
      // keepalived.conf of loadbalancer-1 says "state MASTER": it must still yield to our 200.
      electedAndStable(lab, s, "loadbalancer-2");
      tsharkReadsTheMastersAdverts(lab, s, lab.node("loadbalancer-2"), lab.node("loadbalancer-1"),
          200);
      failsOver(lab, s, lab.node("loadbalancer-2"), lab.node("loadbalancer-1"), 0);
    }
  }

  /** The higher priority holds the VIP alone, and still does three adverts later. */
  private static void electedAndStable(Lab lab, LbSettings s, String higher) {
    Duration settle = Expectations.masterDownInterval(Timings.vrrp(s, 1)).value()
        .plusSeconds(15); // plus both daemons' start (a JVM on a busy machine)
    await(higher + " alone holding the VIP").atMost(settle).pollInterval(Duration.ofMillis(200))
        .until(() -> lab.vipHolders().equals(List.of(higher)));
    await("a steady single holder").during(s.advertInterval().multipliedBy(3))
        .atMost(s.advertInterval().multipliedBy(3).plusSeconds(5))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> lab.vipHolders().equals(List.of(higher)));
  }

  /** Kill the master's container; the backup holds the VIP within its master down interval. */
  private static void failsOver(Lab lab, LbSettings s, Node master, Node backup, int backupIndex)
      throws Exception {
    Bound bound = MACHINE.applyTo(Expectations.masterDownInterval(Timings.vrrp(s, backupIndex)));
    try (VipWatch watch = VipWatch.start(backup, lab.plan().vip())) {
      long killed = VipWatch.nowNanos();
      master.kill("KILL");
      long took = watch.appearedAt(bound.value().plusSeconds(5)) - killed;
      System.out.printf("interop: %s took over %.3f s after %s was killed (bound %s)%n",
          backup.name(), took / 1e9, master.name(), bound.describe());
      assertThat(Duration.ofNanos(took)).as("%s taking over from %s: bound %s", backup.name(),
          master.name(), bound.describe()).isLessThanOrEqualTo(bound.value());
    }
    assertThat(lab.vipHolders()).as("VIP holders after the takeover").containsExactly(backup.name());
  }

  /**
   * tshark, an implementation that is neither ours nor keepalived's, decodes the master's adverts
   * as the receiving backup gets them: VRRP of the configured version with a good checksum, TTL
   * 255 and keepalived's TOS, sent to the VRRP group or, with unicast, to the backup itself. On
   * the java master that proves our encoder; on the keepalived master it proves that the config
   * really made keepalived unicast (so the java backup was electing from unicast adverts).
   */
  private static void tsharkReadsTheMastersAdverts(Lab lab, LbSettings s, Node master,
      Node backup, int priority) {
    String capture = "/tmp/adverts-" + master.name() + ".pcap";
    Node.ExecResult r = backup.exec(Duration.ofSeconds(40), "sh", "-c",
        "timeout 10 tcpdump -Z root -i eth0 -nn -c 3 -w " + capture + " "
            + "'ip proto 112 and src host " + master.ip() + "' 2>/dev/null && "
            + "tshark -r " + capture + " -T fields -E separator=, -e ip.ttl -e ip.dsfield"
            + " -e vrrp.version -e vrrp.virt_rtr_id -e vrrp.prio -e vrrp.checksum.status"
            + " -e ip.dst 2>&1");
    List<String> rows = r.stdout().strip().lines().filter(l -> l.matches("\\d.*")).toList();
    System.out.println("interop: tshark on " + master.name() + "'s adverts at " + backup.name()
        + " (ttl,dsfield,version,vrid,prio,checksum,dst): " + rows);
    assertThat(rows).as("tshark rows for 3 captured adverts: %s", r).hasSize(3);
    String dst = s.unicast() ? backup.ip() : "224.0.0.18";
    for (String row : rows) {
      String[] f = row.split(",");
      assertThat(f).as("tshark fields of %s", row).hasSize(7);
      assertThat(f[0]).as("IP TTL (RFC 5798 section 5.1.1.3)").isEqualTo("255");
      assertThat(f[1]).as("IP TOS as keepalived sends it").isEqualTo("0xc0");
      assertThat(f[2]).as("VRRP version").isEqualTo(Integer.toString(s.version()));
      assertThat(f[3]).as("VRID").isEqualTo(Integer.toString(lab.vrid()));
      assertThat(f[4]).as("priority").isEqualTo(Integer.toString(priority));
      assertThat(f[5]).as("tshark's checksum status (1 = good)").isEqualTo("1");
      assertThat(f[6]).as("destination: %s", s.unicast() ? "the unicast peer"
          : "the VRRP group (RFC 5798 section 5.1.1.2)").isEqualTo(dst);
    }
  }
}
