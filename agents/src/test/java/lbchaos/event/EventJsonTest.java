package lbchaos.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The streaming writer against databind, which wrote the agents' event lines before it. */
class EventJsonTest {

  /** Quotes, backslashes, control characters, non-ASCII, a slash and a surrogate pair. */
  private static final String AWKWARD = "a\"b\\c\n\t\r\b\f\u0001\u001f é/ü \uD83D\uDE00 <NOSRV>";

  static List<Event> samples() {
    return List.of(
        new ProbeSample(1, "client", 5, "webserver-1", null),
        new ProbeSample(2, "client", 2_000_002, null, ProbeSample.ErrorKind.TIMEOUT),
        new VrrpStateChange(3, "loadbalancer-1", "VI_1", VrrpStateChange.VrrpRole.BACKUP,
            VrrpStateChange.VrrpRole.MASTER, "master down timer"),
        new VrrpStateChange(3, "loadbalancer-1", null, null, null, null),
        new VrrpStateChange(3, "loadbalancer-2", "VI_1", VrrpStateChange.VrrpRole.BACKUP,
            VrrpStateChange.VrrpRole.MASTER, "master down timer",
            new VrrpStateChange.Takeover(1_000, 1_250, 1_900)),
        new AdvertSeen(4, "observer", "10.0.0.48", 51, 255, 2, 100, true, 255),
        new AdvertSeen(Long.MAX_VALUE, "lb", "fe80::1", 1, 0, 3, 1, false, -1, "0a1b2c3d"),
        new GarpSeen(5, "observer", "10.0.0.211", "02:42:0a:00:00:30"),
        new ServerState(6, "loadbalancer-1", "apiserver", "backend-1", false, "Layer4 timeout",
            2001),
        new ServerState(6, "lb", "b", "s", true, null, -1),
        new VipChange(7, "loadbalancer-2", "10.0.0.211", true),
        new FaultEvent(8, "harness", "kill", "webserver-1", FaultEvent.Phase.INJECT, "SIGKILL"),
        new FaultEvent(8, "harness", "kill", null, FaultEvent.Phase.HEAL, null),
        new VrrpDrop(9, "loadbalancer-1", "ttl", "10.0.0.5", 1),
        new NotifyRun(10, "loadbalancer-2", "VI_1", "MASTER",
            "/etc/keepalived/status_capture.sh"),
        new LogLine(11, "loadbalancer-1", AWKWARD),
        new LogLine(-11, AWKWARD, ""),
        new NodeExit(12, "engine", "loadbalancer-1", 137),
        new NeighbourSeen(13, "loadbalancer-2", "10.0.0.2", null, "FAILED"),
        new NeighbourSeen(13, "loadbalancer-2", "10.0.0.2", "02:42:0a:00:00:02", "REACHABLE"),
        new ConfigReload(14, "loadbalancer-1", false, "2 errors, keeping the running config"),
        new SlowRequest(15, "client", 10, 3, "HTTP/1.1 408 Request Time-out", true),
        new AccessLog(16, "loadbalancer-1", "http", "10.0.0.9:41234", "www", "web", "s1", 0, 0,
            1, 2, 3, 200, 1234, "----", 1, 1, 1, 1, 0, 0, 0, "GET /" + AWKWARD + " HTTP/1.1"),
        new AccessLog(17, "loadbalancer-1", "tcp", "10.0.0.9:1", "f", "b", AccessLog.NO_SERVER,
            -1, -1, -1, -1, 5, -1, 0, "SC", 0, 0, 0, 0, 0, 0, 0, ""));
  }

  @Test
  void everyLineIsTheBytesDatabindWrote() throws Exception {
    for (Event e : samples()) {
      String databind = Events.mapper().writerFor(Event.class).writeValueAsString(e);
      assertThat(Events.toJson(e)).as("%s", e).isEqualTo(databind);
    }
  }

  @Test
  void everyLineReadsBackAsItsEvent() {
    for (Event e : samples()) {
      assertThat(Events.parse(Events.toJson(e))).as("%s", e).contains(e);
    }
  }

  @Test
  void theSamplesCoverEveryKindOfEvent() {
    Set<Class<?>> sampled = samples().stream().map(Object::getClass).collect(Collectors.toSet());
    assertThat(sampled).containsExactlyInAnyOrder(Event.class.getPermittedSubclasses());
  }

  @Test
  void typeNamesAreTheOnesDatabindReadsBy() {
    JsonSubTypes.Type[] types = Event.class.getAnnotation(JsonSubTypes.class).value();
    assertThat(types).hasSize(Event.class.getPermittedSubclasses().length);
    for (Event e : samples()) {
      String name = Arrays.stream(types).filter(t -> t.value() == e.getClass()).findFirst()
          .orElseThrow().name();
      assertThat(Events.toJson(e)).as("%s", e).startsWith("{\"type\":\"" + name + "\",");
    }
  }

  @Test
  void aChangedFieldShowsInTheComparison() throws Exception {
    // The comparison can fail: databind's line for one event is not the writer's for another.
    Event a = new VipChange(7, "lb", "10.0.0.1", true);
    Event b = new VipChange(7, "lb", "10.0.0.1", false);
    assertThat(Events.toJson(b))
        .isNotEqualTo(Events.mapper().writerFor(Event.class).writeValueAsString(a));
  }
}
