package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressPlanTest {

  @Test
  void theArticlesAddressesInOurOwnSubnet() {
    AddressPlan p = new AddressPlan("10.213.7", 2, 2);
    assertThat(p.webservers()).as("webservers").containsExactly("10.213.7.112", "10.213.7.197");
    assertThat(p.lbs()).as("LBs").containsExactly("10.213.7.48", "10.213.7.97");
    assertThat(p.vip()).as("VIP").isEqualTo("10.213.7.211");
    assertThat(p.client()).as("client").isEqualTo("10.213.7.10");
    assertThat(p.subnet()).isEqualTo("10.213.7.0/24");
  }

  @Test
  void theVipIsOutsideDockersDynamicRangeAndDistinctFromEveryNode() {
    AddressPlan p = new AddressPlan("10.0.0", 8, 16);
    int vip = Integer.parseInt(p.vip().substring(p.vip().lastIndexOf('.') + 1));
    assertThat(vip).as("VIP octet outside the .0/25 Docker allocates from").isGreaterThan(127);
    var all = new java.util.ArrayList<String>();
    all.addAll(p.lbs());
    all.addAll(p.webservers());
    all.add(p.client());
    all.add(p.observer());
    assertThat(all).as("no address twice, none is the VIP or the gateway")
        .doesNotHaveDuplicates().doesNotContain(p.vip(), p.gateway());
  }

  @Test
  void countsAreBounded() {
    assertThatThrownBy(() -> new AddressPlan("10.0.0", 0, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AddressPlan("10.0", 2, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void runIdsGiveShortBridgeNamesAndValidVrids() {
    for (int i = 0; i < 200; i++) {
      RunId r = RunId.random();
      assertThat(r.bridgeName().length() + 2).as("bridge name + suffix fits IFNAMSIZ").isLessThanOrEqualTo(15);
      assertThat(r.vrid()).as("VRID").isBetween(1, 255);
    }
  }
}
