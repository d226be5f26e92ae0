package lbchaos.harness.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.ServerState;
import org.junit.jupiter.api.Test;

/** Lines in haproxy 2.6's formats (src/server.c, srv_append_status); captured lines to come. */
class HaproxyLogAdapterTest {

  final LogAdapter a = LogAdapters.haproxy();

  ServerState one(String line) {
    List<Event> es = a.parse(42, "loadbalancer-1", line);
    assertThat(es).as("one event for %s", line).hasSize(1);
    assertThat(es.getFirst()).as("a server state").isInstanceOf(ServerState.class);
    return (ServerState) es.getFirst();
  }

  /** A tcplog line haproxy 2.6.12 wrote (the reference image, log stdout format raw). */
  @Test
  void anAccessLogLineIsAnAccessLogEventAtItsOwnDate() {
    List<Event> es = a.parse(42, "loadbalancer-1", "127.0.0.1:41744 [04/Dec/2026:10:44:33.707]"
        + " tcpfe tcpbe/backend-1 1/0/0 95 -- 1/1/0/0/0 0/0");
    assertThat(es).singleElement().isInstanceOfSatisfying(lbchaos.event.AccessLog.class, l -> {
      assertThat(l.server()).isEqualTo("backend-1");
      assertThat(l.source()).isEqualTo("loadbalancer-1");
      assertThat(l.at()).as("the line's date, UTC").isEqualTo(java.time.Instant.parse(
          "2026-12-04T10:44:33.707Z").toEpochMilli() * 1000);
    });
  }

  @Test
  void downWithReasonInfoAndDuration() {
    ServerState s = one("[WARNING]  (8) : Server apiserver/backend-1 is DOWN, reason: Layer4"
        + " connection problem, info: \"Connection refused\", check duration: 0ms. 1 active and 0"
        + " backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.");
    assertThat(s).as("parsed").isEqualTo(new ServerState(42, "loadbalancer-1", "apiserver",
        "backend-1", false, "Layer4 connection problem: Connection refused", 0));
  }

  @Test
  void upAndTimeoutAndSyslogForm() {
    ServerState up = one("[WARNING]  (8) : Server apiserver/backend-1 is UP, reason: Layer4"
        + " check passed, check duration: 0ms. 2 active and 0 backup servers online. 0 sessions"
        + " requeued, 0 total in queue.");
    assertThat(up.up()).as("up").isTrue();
    assertThat(up.reason()).as("reason").isEqualTo("Layer4 check passed");
    ServerState tout = one("Mar 10 12:00:00 lb1 haproxy[8]: Server web/webserver-1 is DOWN,"
        + " reason: Layer4 timeout, check duration: 2001ms. 1 active and 0 backup servers left."
        + " 0 sessions active, 0 requeued, 0 remaining in queue.");
    assertThat(tout.checkMillis()).as("duration").isEqualTo(2001);
    assertThat(tout.server()).as("server").isEqualTo("webserver-1");
    ServerState l7 = one("[WARNING]  (8) : Backup Server web/spare is DOWN, reason: Layer7"
        + " wrong status, code: 503, info: \"Service Unavailable\", check duration: 3ms. 1 active"
        + " and 0 backup servers left. Running on backup. 0 sessions active, 0 requeued, 0"
        + " remaining in queue.");
    assertThat(l7.reason()).as("L7").isEqualTo("Layer7 wrong status: Service Unavailable");
  }

  @Test
  void maintenanceAndOtherLines() {
    ServerState maint = one("[WARNING]  (8) : Server web/webserver-2 is going DOWN for"
        + " maintenance. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0"
        + " remaining in queue.");
    assertThat(maint.up()).as("down").isFalse();
    assertThat(maint.reason()).as("maintenance").isEqualTo("maintenance");
    assertThat(maint.checkMillis()).as("no duration").isEqualTo(-1);
    ServerState back = one("[WARNING]  (8) : Server web/webserver-2 is UP/READY (leaving"
        + " maintenance).");
    assertThat(back.up()).as("leaving maintenance").isTrue();
    assertThat(a.parse(1, "lb", "[ALERT]    (8) : backend 'web' has no server available!"))
        .as("kept as a log line").singleElement().isInstanceOf(LogLine.class);
    assertThat(a.parse(1, "lb", "  ")).as("blank").isEmpty();
  }

  @Test
  void agentJsonKeepsItsOwnTimestamp() {
    LogAdapter j = LogAdapters.agentJson();
    String json = lbchaos.event.Events.toJson(new ServerState(7, "lb2", "web", "w1", true, "x", 1));
    assertThat(j.parse(99, "lb2", json)).as("event as written")
        .containsExactly(new ServerState(7, "lb2", "web", "w1", true, "x", 1));
    assertThat(j.parse(99, "lb2", "WARNING: something")).as("other output")
        .containsExactly(new LogLine(99, "lb2", "WARNING: something"));
  }
}
