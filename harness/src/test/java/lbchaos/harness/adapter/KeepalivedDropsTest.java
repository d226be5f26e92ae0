package lbchaos.harness.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lbchaos.event.VrrpDrop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** keepalived 2.2.7's drop lines, as captured by VrrpRejectIT, become VrrpDrop by reason. */
class KeepalivedDropsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "(VI_1) invalid TTL/HL. Received 64 and expect 255|ttl",
      "(VI_1) wrong version. Received 3 and expect 2|version",
      "(VI_1) Invalid packet type. 2 and expect 1|type",
      "(VI_1) vrrp packet too short, length 40 and expect 44|length",
      "(VI_1) Invalid VRRPv2 checksum|checksum",
      "(VI_1) received an invalid passwd!|auth",
      "(VI_1) advertisement interval mismatch mine=1 sec rcv'd=2 sec|interval"})
  void eachCapturedDropLineIsOneDropOfItsReason(String message, String reason) {
    List<?> out = LogAdapters.keepalived(Map.of("VI_1", List.of("10.0.0.100")))
        .parse(1, "loadbalancer-1", "Sat Nov 28 03:14:47 2026: " + message);
    assertThat(out).as("events of %s", message).filteredOn(VrrpDrop.class::isInstance)
        .singleElement().isEqualTo(new VrrpDrop(1, "loadbalancer-1", reason, "", 1));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"(VI_1) Entering MASTER STATE",
      "(VI_1) Backup received priority 0 advertisement", "Startup complete"})
  void otherLinesAreNoDrops(String message) {
    assertThat(LogAdapters.keepalived(Map.of()).parse(1, "lb", message))
        .as("events of %s", message).noneMatch(VrrpDrop.class::isInstance);
  }
}
