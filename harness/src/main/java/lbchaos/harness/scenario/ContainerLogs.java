package lbchaos.harness.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import lbchaos.harness.topology.Node;

/**
 * Keeps each container's output lines as they arrive, so a report can attach them after the
 * containers are gone. Capped per node: a chatty daemon must not fill the heap.
 */
final class ContainerLogs implements Consumer<Node.Line> {

  static final int MAX_CHARS_PER_NODE = 1 << 20;
  private final Map<String, StringBuilder> byNode = new LinkedHashMap<>();

  @Override
  public synchronized void accept(Node.Line l) {
    StringBuilder b = byNode.computeIfAbsent(l.node(), n -> new StringBuilder());
    if (b.length() < MAX_CHARS_PER_NODE) {
      b.append(java.time.Instant.ofEpochSecond(0, l.atMicros() * 1000)).append("  ")
          .append(l.text().strip()).append('\n');
    }
  }

  synchronized Map<String, String> snapshot() {
    Map<String, String> out = new LinkedHashMap<>();
    byNode.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }
}
