package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.state.Input;
import org.junit.jupiter.api.Test;

class TrackMonitorTest {

  final List<Input> inputs = new ArrayList<>();

  TrackMonitor monitor(String scripts, String tracked, int priority) {
    VrrpInstance cfg = KeepalivedParser.parse(Path.of("t.conf"), scripts + """
        vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 51
          priority %d
          virtual_ipaddress {
            10.0.0.211/24
          }
          track_script {
            %s
          }
        }
        """.formatted(priority, tracked)).instances().getFirst();
    return new TrackMonitor(cfg, inputs::add, e -> { }, "lb1", () -> 0L, (s, t) -> true);
  }

  @Test
  void aWeightedScriptMovesThePriorityAfterFallFailuresAndBackAfterRise() {
    TrackMonitor m = monitor("vrrp_script chk {\n script x\n weight -2\n fall 3\n rise 2\n}\n",
        "chk", 254);
    m.initial();
    assertThat(inputs).as("initial priority").containsExactly(new Input.PriorityChanged(254));
    inputs.clear();
    m.record("chk", false);
    m.record("chk", false);
    assertThat(inputs).as("two failures < fall 3").isEmpty();
    m.record("chk", false);
    assertThat(inputs).as("third failure").containsExactly(new Input.PriorityChanged(252));
    inputs.clear();
    m.record("chk", true);
    m.record("chk", false);
    m.record("chk", true);
    assertThat(inputs).as("a success streak was broken").isEmpty();
    m.record("chk", true);
    assertThat(inputs).as("rise 2 reached").containsExactly(new Input.PriorityChanged(254));
  }

  @Test
  void weightZeroFailureIsFaultAndRecoveryIsOk() {
    TrackMonitor m = monitor("vrrp_script chk {\n script x\n}\n", "chk", 100);
    m.initial();
    inputs.clear();
    m.record("chk", false);
    assertThat(inputs).as("fault").containsExactly(
        new Input.TrackFault("track script failed: chk"));
    inputs.clear();
    m.record("chk", true);
    assertThat(inputs).as("ok").containsExactly(new Input.TrackOk());
  }

  @Test
  void theOwnerIgnoresWeightsLikeKeepalived() {
    TrackMonitor m = monitor("vrrp_script chk {\n script x\n weight -2\n}\n", "chk", 255);
    m.initial();
    inputs.clear();
    m.record("chk", false);
    assertThat(inputs).as("255 does not move").isEmpty();
  }

  @Test
  void initFailStartsFaulted() {
    TrackMonitor m = monitor("vrrp_script chk {\n script x\n init_fail\n}\n", "chk", 100);
    m.initial();
    assertThat(inputs).as("fault before start-up").containsExactly(
        new Input.PriorityChanged(100), new Input.TrackFault("track script failed: chk"));
  }
}
