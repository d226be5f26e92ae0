package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.docker.Docker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The article's topology on the reference stack: up, one VIP holder (keepalived's multicast
 * adverts reach the backup), round robin, and every container confined to its test network by
 * its own namespace's egress filter, with no host rule.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopologyIT {

  static Lab lab;
  static final List<Node.Line> lines = new CopyOnWriteArrayList<>();
  static final LbSettings S = LbSettings.ARTICLE;
  /** keepalived and haproxy need a moment to start before the first election even begins. */
  static final Duration DAEMON_START = Duration.ofSeconds(5);

  /** Master down interval of the backup (RFC 3768 6.1): 3 x advert + (256 - priority)/256 s. */
  static Duration masterDown() {
    long skewMicros = (256 - S.priority(1)) * 1_000_000L / 256;
    return S.advertInterval().multipliedBy(3).plusNanos(skewMicros * 1000);
  }

  @BeforeAll
  static void up() {
    lab = Lab.start(LabSpec.article(Stack.REFERENCE).withOutsider(), lines::add, System.out);
    System.out.printf("topology ready in %.2f s (images warm)%n",
        lab.startupTime().toNanos() / 1e9);
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void theVipIsOnExactlyOneLb() {
    await("the VIP on exactly one LB").atMost(masterDown().plus(DAEMON_START))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> lab.vipHolders().size() == 1);
    assertThat(lab.vipHolders()).as("VIP holder with priorities 255/254").containsExactly("loadbalancer-1");
  }

  @Test
  @Order(2)
  void requestsThroughTheVipAlternateBetweenTheWebservers() {
    await("a first answer through the VIP").atMost(Duration.ofSeconds(10))
        .until(() -> lab.curlVip(Duration.ofSeconds(2)).ok());
    List<String> backends = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Node.ExecResult r = lab.curlVip(Duration.ofSeconds(2));
      assertThat(r.ok()).as("request %d through the VIP: %s", i, r.stderr()).isTrue();
      backends.add(r.stdout().replaceAll(".*backend (webserver-\\d+).*\\s*", "$1").strip());
    }
    assertThat(backends).as("both webservers answer").contains("webserver-1", "webserver-2");
    for (int i = 1; i < backends.size(); i++) {
      assertThat(backends.get(i)).as("request %d alternates (%s)", i, backends)
          .isNotEqualTo(backends.get(i - 1));
    }
    // each webserver logs the requests it served to its output, where scenarios read them
    for (String web : List.of("webserver-1", "webserver-2")) {
      await(web + "'s access log line").atMost(Duration.ofSeconds(5)).until(() ->
          lines.stream().anyMatch(l -> l.node().equals(web) && l.text().contains("\"GET / ")));
    }
  }

  @Test
  @Order(3)
  void vrrpMulticastReachesTheBackupWhichStaysBackup() {
    // If adverts did not reach loadbalancer-2 it would become MASTER after its master down
    // interval (split brain). Watch it for twice that long.
    await("loadbalancer-2 entered BACKUP").atMost(Duration.ofSeconds(10)).until(() ->
        lines.stream().anyMatch(l -> l.node().equals("loadbalancer-2")
            && l.text().contains("Entering BACKUP STATE")));
    await().during(masterDown().multipliedBy(2)).atMost(masterDown().multipliedBy(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> lab.vipHolders().equals(List.of("loadbalancer-1")));
    assertThat(lines).as("loadbalancer-2 never became MASTER")
        .noneMatch(l -> l.node().equals("loadbalancer-2") && l.text().contains("Entering MASTER"));
  }

  @Test
  @Order(3)
  void theClientHasThePortsOfASteadyLoad() {
    // a new connection per request: the default range runs out under the bench's load
    Node.ExecResult r = lab.client().exec(Duration.ofSeconds(10), "cat",
        "/proc/sys/net/ipv4/ip_local_port_range", "/proc/sys/net/ipv4/tcp_tw_reuse");
    assertThat(r.stdout().split("\\s+")).as("port range and TIME_WAIT reuse: %s", r.stdout())
        .containsExactly("1024", "65535", "1");
  }

  @Test
  @Order(4)
  void theClientCannotReachBeyondTheTestNetwork() {
    Node outsider = lab.node("outsider");
    await("the outsider answers on its own network").atMost(Duration.ofSeconds(10)).until(() ->
        outsider.exec(Duration.ofSeconds(5), "curl", "-s", "--max-time", "1", "http://127.0.0.1/").ok());
    Node.ExecResult r = lab.client().exec(Duration.ofSeconds(10), "curl", "-s", "--max-time", "2",
        "http://" + outsider.ip() + "/");
    assertThat(r.ok()).as("client reaching %s on another network: %s", outsider.ip(), r.stdout())
        .isFalse();
    assertThat(r.exitCode()).as("curl exit code (7 refused/unreachable, 28 timeout)").isIn(7, 28);
  }

  @Test
  @Order(4)
  void noContainerReachesBeyondItsTestNetwork() throws Exception {
    String web1 = lab.node("webserver-1").ip();
    try (EgressChecks checks = new EgressChecks()) {
      for (Node n : lab.nodes()) {
        // the outsider is alone on its network: its own address is its peer
        checks.assertConfined(n, n.name().equals("outsider") ? n.ip() : web1, 80);
      }
      // The control: with its egress chain unhooked the client does reach the host's listener,
      // so the failures above are the filter's doing; isolate() puts it back.
      Node client = lab.client();
      String gateway = client.network().egress().gateway();
      client.netAdmin("iptables", "-w", "-D", "OUTPUT", "-j", Egress.CHAIN);
      try {
        assertThat(EgressChecks.connect(client, gateway, checks.hostPort()).ok())
            .as("the client reaches the host at %s:%d without its egress chain", gateway,
                checks.hostPort()).isTrue();
      } finally {
        client.isolate();
      }
      assertThat(EgressChecks.connect(client, gateway, checks.hostPort()).ok())
          .as("the client confined again").isFalse();
    }
  }

  @Test
  @Order(4)
  void theTestNetworkDoesNotMasquerade() {
    var net = Docker.client().inspectNetworkCmd().withNetworkId(lab.network().id()).exec();
    assertThat(net.getOptions()).as("bridge options")
        .containsEntry("com.docker.network.bridge.enable_ip_masquerade", "false");
    assertThat(net.getInternal()).as("not --internal: that drops VRRP multicast").isFalse();
  }

  @Test
  @Order(5)
  void nothingOfTheRunRemainsAfterClose() {
    RunId run = lab.run();
    lab.close();
    var docker = Docker.client();
    assertThat(docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Docker.RUN_LABEL, run.value())).exec()).as("containers").isEmpty();
    assertThat(docker.listNetworksCmd().withFilter("label", List.of(Docker.RUN_LABEL + "=" + run))
        .exec()).as("networks").isEmpty();
  }
}
