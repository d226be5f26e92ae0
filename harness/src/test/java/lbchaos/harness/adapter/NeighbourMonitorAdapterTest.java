package lbchaos.harness.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import lbchaos.event.LogLine;
import lbchaos.event.NeighbourSeen;
import org.junit.jupiter.api.Test;

/** Lines as iproute2 6.1's `ip -ts monitor neigh` printed them in the node image. */
class NeighbourMonitorAdapterTest {

  final NeighbourMonitorAdapter adapter = new NeighbourMonitorAdapter();

  @Test
  void aChangeCarriesTheKernelsTimeTheAddressAndTheState() {
    var e = adapter.parse(1, "client",
        "[2026-12-04T04:48:44.611759] 10.9.9.2 dev d0 lladdr 00:11:22:33:44:55 REACHABLE ");
    long at = Instant.parse("2026-12-04T04:48:44.611759Z").toEpochMilli() * 1000 + 759;
    assertThat(e).containsExactly(new NeighbourSeen(at, "client", "10.9.9.2",
        "00:11:22:33:44:55", "REACHABLE"));
    assertThat(adapter.parse(7, "client", "10.0.0.1 dev eth0 lladdr AA:BB:CC:DD:EE:FF router"
        + " STALE")).as("flags before the state; no stamp: the time the line was read")
        .containsExactly(new NeighbourSeen(7, "client", "10.0.0.1", "aa:bb:cc:dd:ee:ff",
            "STALE"));
  }

  @Test
  void anEntryWithoutAnAddressOrDeletedHasNoMac() {
    assertThat(adapter.parse(1, "client", "[2026-12-04T04:48:44.619572] 10.9.9.2 dev d0 FAILED"))
        .singleElement().satisfies(e -> assertThat(((NeighbourSeen) e).mac()).isNull());
    assertThat(adapter.parse(1, "client",
        "[2026-12-04T04:48:44.619592] Deleted 10.9.9.2 dev d0 FAILED")).singleElement()
        .isEqualTo(new NeighbourSeen(Instant.parse("2026-12-04T04:48:44.619592Z")
            .toEpochMilli() * 1000 + 592, "client", "10.9.9.2", null, "DELETED"));
  }

  @Test
  void anythingElseIsALogLineAndBlankIsNothing() {
    assertThat(adapter.parse(3, "client", "Dump terminated")).singleElement()
        .isInstanceOf(LogLine.class);
    assertThat(adapter.parse(3, "client", "  ")).isEmpty();
  }
}
