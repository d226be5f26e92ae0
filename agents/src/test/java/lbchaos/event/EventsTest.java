package lbchaos.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventsTest {

  @Test
  void everyEventKindSurvivesARoundTrip() {
    List<Event> all = List.of(
        new ProbeSample(1, "client", 5, "webserver-1", null),
        new ProbeSample(2, "client", 2_000_002, null, ProbeSample.ErrorKind.TIMEOUT),
        new VrrpStateChange(3, "loadbalancer-1", "VI_1", VrrpStateChange.VrrpRole.BACKUP,
            VrrpStateChange.VrrpRole.MASTER, "master down timer"),
        new AdvertSeen(4, "observer", "10.0.0.48", 51, 255, 2, 100, true, 255),
        new GarpSeen(5, "observer", "10.0.0.211", "02:42:0a:00:00:30"),
        new ServerState(6, "loadbalancer-1", "apiserver", "backend-1", false, "Layer4 timeout", 2001),
        new VipChange(7, "loadbalancer-2", "10.0.0.211", true),
        new FaultEvent(8, "harness", "kill", "webserver-1", FaultEvent.Phase.INJECT, "SIGKILL"),
        new VrrpDrop(9, "loadbalancer-1", "ttl", "10.0.0.5", 1),
        new NotifyRun(10, "loadbalancer-2", "VI_1", "MASTER", "/etc/keepalived/status_capture.sh"),
        new LogLine(11, "loadbalancer-1", "anything"),
        new ConfigReload(12, "loadbalancer-1", false, "2 errors, keeping the running config"));
    for (Event e : all) {
      assertThat(Events.parse(Events.toJson(e))).as("round trip of %s", e).contains(e);
    }
  }

  @Test
  void nonEventLinesAreSkipped() {
    assertThat(Events.parse("Keepalived_vrrp[645]: (VI_1) Entering MASTER STATE")).isEmpty();
    assertThat(Events.parse("{\"type\":\"nope\"}")).isEmpty();
    assertThat(Events.parse("{broken")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void addressesAreWrittenAsIpAndKeepalivedPrintThem() {
    java.util.Map<String, String> cases = java.util.Map.of(
        "fd00:213:7:0:0:0:0:211", "fd00:213:7::211",
        "fd00:213:0:0:0:0:0:211", "fd00:213::211",
        "fe80:0:0:0:42:acff:fe1e:1f03", "fe80::42:acff:fe1e:1f03",
        "1:0:0:2:0:0:0:3", "1:0:0:2::3",
        "1:0:0:2:0:0:3:4", "1::2:0:0:3:4",
        "1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7",
        "0:0:0:0:0:0:0:1", "::1",
        "ff02:0:0:0:0:0:0:0", "ff02::",
        "10.213.7.211", "10.213.7.211");
    cases.forEach((in, out) -> org.assertj.core.api.Assertions
        .assertThat(Events.address(java.net.InetAddress.ofLiteral(in))).as(in).isEqualTo(out));
  }
}
