package lbchaos.harness.scenario;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import lbchaos.event.Event;
import lbchaos.harness.adapter.LogAdapter;
import lbchaos.harness.adapter.LogAdapters;
import lbchaos.harness.topology.Node;

/**
 * Turns each container's output into events: our agents write JSON events, the reference daemons
 * write log lines that the adapters parse. One adapter per node and daemon, since the keepalived
 * adapter keeps state per stream.
 */
final class LineRouter implements Consumer<Node.Line> {

  /**
   * keepalived --log-console prefixes every line with ctime and ": " ("Sat Nov 28 02:38:35 2026:
   * (VI_1) Entering MASTER STATE"); only its start and stop lines name Keepalived.
   */
  private static final java.util.regex.Pattern KEEPALIVED_CONSOLE = java.util.regex.Pattern
      .compile("[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4}: ");

  private final Consumer<Event> sink;
  private volatile Map<String, List<String>> vips = Map.of();
  private volatile java.util.Set<String> agentNodes = java.util.Set.of();
  private final Map<String, LogAdapter> keepalived = new ConcurrentHashMap<>();
  private final LogAdapter haproxy = LogAdapters.haproxy();
  private final LogAdapter json = LogAdapters.agentJson();

  LineRouter(Consumer<Event> sink) {
    this.sink = sink;
  }

  /** The VIPs of each VRRP instance, once the topology knows its addresses. */
  void vips(Map<String, List<String>> vipsByInstance) {
    // Kept in order: the notify script's line is the first instance's.
    this.vips = java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(vipsByInstance));
  }

  /**
   * The nodes that run our agents. Their JSON events are the record; their other lines are kept
   * as plain lines, never given to the daemons' adapters: the Java proxy also prints haproxy's
   * wording ("Server apiserver/backend-1 is DOWN, ...") for people, and parsing that too made a
   * second ServerState per transition, stamped later by the log stream's delay.
   */
  void agentNodes(java.util.Set<String> names) {
    this.agentNodes = java.util.Set.copyOf(names);
  }

  @Override
  public void accept(Node.Line l) {
    String text = l.text();
    if (LogAdapters.isNotifyLine(text)) {
      // The rendered notify script's own line, whichever daemon ran it (so before the agents'
      // rule below); one instance per rendered config.
      LogAdapters.notifyLine(vips.keySet().stream().findFirst().orElse(""))
          .parse(l.atMicros(), l.node(), text).forEach(sink);
      return;
    }
    if (agentNodes.contains(l.node()) && !text.startsWith("{")) {
      // its access log lines on stdout: the AccessLog event it emits with each is the record
      if (!text.isBlank() && !(lbchaos.proxy.log.AccessLogLine.looksLike(text)
          && lbchaos.proxy.log.AccessLogLine.parse(l.node(), text).isPresent())) {
        sink.accept(new lbchaos.event.LogLine(l.atMicros(), l.node(), text.strip()));
      }
      return;
    }
    if (l.node().startsWith("webserver") || l.node().equals("outsider")) {
      // Keep only requests (a health check's bare connect logs no GET): counting them shows the
      // requests of other clients, such as the article's check script, that took a turn.
      if (text.contains("\"GET ")) {
        sink.accept(new lbchaos.event.LogLine(l.atMicros(), l.node(), text.strip()));
      }
      return;
    }
    LogAdapter a;
    if (text.startsWith("{")) {
      a = json; // our agents
    } else if (KEEPALIVED_CONSOLE.matcher(text).lookingAt() || text.contains("Keepalived")) {
      a = keepalived.computeIfAbsent(l.node(), n -> LogAdapters.keepalived(vips));
    } else if (text.startsWith("[") || text.contains("Server ")
        || lbchaos.proxy.log.AccessLogLine.looksLike(text)) {
      a = haproxy; // "[WARNING]  (12) : Server apiserver/backend-1 is DOWN, ..."
    } else {
      a = json;
    }
    a.parse(l.atMicros(), l.node(), text).forEach(sink);
  }
}
