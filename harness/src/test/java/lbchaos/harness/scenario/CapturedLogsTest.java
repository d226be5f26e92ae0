package lbchaos.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.GarpSeen;
import lbchaos.event.ServerState;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange;
import lbchaos.harness.topology.Node;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The adapters on real output: lines keepalived 2.2.7, haproxy 2.6 and our wire observer printed
 * in a reference-stack Lab across a backend kill, a VRRP block, a graceful stop and a kill of
 * the master (src/test/resources/logs/README.md), fed through the router the live harness uses.
 */
class CapturedLogsTest {

  static final String VIP = "10.213.242.211";

  static List<Event> route(String node) throws IOException {
    List<Event> out = new ArrayList<>();
    LineRouter router = new LineRouter(out::add);
    router.vips(Map.of("VI_1", List.of(VIP)));
    for (String l : lines(node)) {
      int tab = l.indexOf('\t');
      router.accept(new Node.Line(Long.parseLong(l.substring(0, tab)), node,
          l.substring(tab + 1)));
    }
    return out;
  }

  static List<String> lines(String node) throws IOException {
    try (InputStream in = CapturedLogsTest.class.getResourceAsStream(
        "/logs/reference-" + node + ".log")) {
      assertThat(in).as("captured log of %s", node).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isEmpty()).toList();
    }
  }

  static <T extends Event> List<T> of(List<Event> es, Class<T> kind) {
    return es.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  static String transitions(List<Event> es) {
    return String.join(", ", of(es, VrrpStateChange.class).stream()
        .map(c -> c.from() + ">" + c.to()).toList());
  }

  @Test
  void theMastersStartStopRestartAndKillAreEachOneTransition() throws IOException {
    List<Event> es = route("loadbalancer-1");
    assertThat(transitions(es)).as("lb1: start, graceful stop, start, kill (seen at restart),"
        + " start; each new process starts at INIT")
        .isEqualTo("INIT>MASTER, MASTER>STOP, INIT>MASTER, MASTER>STOP, INIT>MASTER");
    List<VrrpStateChange> c = of(es, VrrpStateChange.class);
    assertThat(c.get(1).reason()).as("graceful stop").isEqualTo("keepalived stopping");
    assertThat(c.get(3).reason()).as("the kill, known only when the new process starts")
        .contains("killed");
    assertThat(of(es, VipChange.class)).extracting(VipChange::added)
        .as("VIP added at each MASTER, removed at the graceful stop only (a kill takes the"
            + " namespace; the harness records that)").containsExactly(true, false, true, true);
    assertThat(of(es, VipChange.class)).extracting(VipChange::vip).as("the VIP from the config")
        .containsOnly(VIP);
  }

  @Test
  void theBackupFollowsEveryElectionWithItsCause() throws IOException {
    List<Event> es = route("loadbalancer-2");
    assertThat(transitions(es)).as("lb2: init, split brain and back, stop of lb1 and back, kill"
        + " of lb1 and back, own restart").isEqualTo("INIT>BACKUP, BACKUP>MASTER, MASTER>BACKUP,"
        + " BACKUP>MASTER, MASTER>BACKUP, BACKUP>MASTER, MASTER>BACKUP, BACKUP>STOP, INIT>BACKUP");
    List<String> reasons = of(es, VrrpStateChange.class).stream().map(VrrpStateChange::reason)
        .toList();
    assertThat(reasons.get(0)).as("start-up").isEqualTo("init");
    assertThat(reasons.get(1)).as("VRRP blocked").isEqualTo("master down timer expired");
    assertThat(reasons.get(2)).as("VRRP back")
        .startsWith("higher priority advert from 10.213.242.48").contains("priority 255");
    assertThat(reasons.get(3)).as("lb1 stopped gracefully")
        .startsWith("priority 0 advert: master resigned");
    assertThat(reasons.get(5)).as("lb1 killed").isEqualTo("master down timer expired");
  }

  @Test
  void haproxyMarksTheKilledBackendDownThenUpOnBothLbs() throws IOException {
    for (String lb : List.of("loadbalancer-1", "loadbalancer-2")) {
      List<ServerState> s = of(route(lb), ServerState.class);
      assertThat(s).extracting(ServerState::up).as("%s: DOWN then UP", lb)
          .containsExactly(false, true);
      assertThat(s).extracting(ServerState::backend, ServerState::server)
          .as("%s: the rendered config's names", lb)
          .containsOnly(Tuple.tuple("apiserver", "backend-1"));
      assertThat(s.get(0).reason()).as("%s: why down", lb).isEqualTo("Layer4 timeout");
      assertThat(s.get(0).checkMillis()).as("%s: a 2 s connect timeout", lb)
          .isBetween(2000L, 2100L);
      assertThat(s.get(1).reason()).as("%s: why up", lb).isEqualTo("Layer4 check passed");
    }
  }

  @Test
  void theObserverSawAdvertsPriorityZeroBothMastersAndGratuitousArps() throws IOException {
    List<Event> es = route("observer");
    List<AdvertSeen> adverts = of(es, AdvertSeen.class);
    assertThat(adverts).as("about one advert a second over the ~30 s run").hasSizeGreaterThan(20);
    assertThat(adverts).as("all valid VRRPv2 adverts with TTL 255 (RFC 3768 7.1)")
        .allMatch(a -> a.checksumOk() && a.version() == 2 && a.ttl() == 255);
    assertThat(adverts).as("lb1's graceful stop: one priority 0 advert (RFC 3768 6.4.3)")
        .filteredOn(a -> a.priority() == 0).singleElement()
        .satisfies(a -> assertThat(a.from()).isEqualTo("10.213.242.48"));
    assertThat(adverts).extracting(AdvertSeen::from).as("both LBs advertised at some point")
        .contains("10.213.242.48", "10.213.242.97");
    assertThat(of(es, GarpSeen.class)).as("gratuitous ARPs for the VIP")
        .isNotEmpty().allMatch(g -> g.ip().equals(VIP));
  }
}
