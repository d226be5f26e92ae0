package lbchaos.harness.adapter;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.event.VrrpDrop;

/**
 * keepalived's reasons for rejecting a received packet (vrrp.c, vrrp_check_packet, one
 * LOG_INFO line per packet) as {@link VrrpDrop} events of count 1, with the reason names our
 * agent uses (lbchaos.vrrp.packet.DropReason), so the two can be compared.
 */
final class KeepalivedDrops {

  private record Rule(Pattern pattern, String reason) {}

  private static final String INST = "\\((?<inst>[^)\\s]+)\\) ";
  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile(INST + "invalid TTL/HL\\."), "ttl"),
      new Rule(Pattern.compile(INST + "wrong version\\."), "version"),
      new Rule(Pattern.compile(INST + "Invalid packet type\\."), "type"),
      new Rule(Pattern.compile(INST + "(?:vrrp packet too (?:short|long)|ip_tot_len mismatch"
          + "|received an unexpected ip number count|expected \\d+ VIPs but received)"), "length"),
      new Rule(Pattern.compile(INST + "Invalid VRRPv[23] checksum"), "checksum"),
      new Rule(Pattern.compile(INST + "(?:received an invalid passwd|received a \\d+ auth,"
          + "|Invalid auth type)"), "auth"),
      new Rule(Pattern.compile(INST + "advertisement interval mismatch"), "interval"));

  private KeepalivedDrops() {}

  static Optional<VrrpDrop> parse(long at, String source, String line) {
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(line);
      if (m.find()) {
        return Optional.of(new VrrpDrop(at, source, r.reason(), "", 1));
      }
    }
    return Optional.empty();
  }
}
