package lbchaos.suites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.harness.topology.Node;

/**
 * Captures VRRP adverts on a node with tcpdump's hex dump ({@code -x}: the IP packet without the
 * link header), so the bytes come back as text through the engine's exec stream.
 */
final class AdvertCapture {

  private static final Pattern HEX_LINE = Pattern.compile("^\\s*0x[0-9a-f]{4}:\\s+(.*)$");

  private AdvertCapture() {}

  /**
   * The first {@code count} IPv4 VRRP packets matching {@code filter} (a pcap filter added to
   * "ip proto 112"), waiting at most {@code within}.
   */
  static List<byte[]> capture(Node node, int count, String filter, Duration within) {
    String expr = "ip proto 112" + (filter.isBlank() ? "" : " and (" + filter + ")");
    Node.ExecResult r = node.exec(within.plusSeconds(5), "timeout",
        Long.toString(Math.max(1, within.toSeconds())), "tcpdump", "-Z", "root", "-i", "eth0", "-nn", "-x",
        "-c", Integer.toString(count), expr);
    List<byte[]> packets = parse(r.stdout());
    if (packets.size() < count) {
      throw new IllegalStateException(node.name() + ": " + packets.size() + " of " + count
          + " adverts matching '" + expr + "' within " + within + "; tcpdump said: "
          + r.stderr().strip());
    }
    return packets;
  }

  /** Splits tcpdump -x output into packets: a header line, then hex lines. */
  static List<byte[]> parse(String out) {
    List<byte[]> packets = new ArrayList<>();
    StringBuilder hex = null;
    for (String line : out.split("\n")) {
      Matcher m = HEX_LINE.matcher(line);
      if (m.matches()) {
        if (hex != null) {
          hex.append(m.group(1).replaceAll("\\s", ""));
        }
      } else if (!line.isBlank()) {
        if (hex != null && !hex.isEmpty()) {
          packets.add(HexFormat.of().parseHex(hex));
        }
        hex = new StringBuilder();
      }
    }
    if (hex != null && !hex.isEmpty()) {
      packets.add(HexFormat.of().parseHex(hex));
    }
    return packets;
  }
}
