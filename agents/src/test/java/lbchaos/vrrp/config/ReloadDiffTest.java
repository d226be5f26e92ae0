package lbchaos.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching old and new instances as keepalived 2.2.7's vrrp_exist does, and their VIP diff. */
class ReloadDiffTest {

  static List<VrrpInstance> conf(String text) {
    return KeepalivedParser.parse(Path.of("keepalived.conf"), text).instances();
  }

  static String instance(String name, int vrid, String body) {
    return """
        vrrp_instance %s {
          interface eth0
          virtual_router_id %d
          priority 100
        %s
        }
        """.formatted(name, vrid, body);
  }

  static final String VIP = "  virtual_ipaddress {\n    10.0.0.211/24\n  }\n";

  @Test
  void anUnchangedConfigKeepsEveryInstanceWithNoAddressChange() {
    List<VrrpInstance> old = conf(instance("VI_1", 51, VIP) + instance("VI_2", 52, VIP));
    ReloadDiff d = ReloadDiff.between(old, conf(instance("VI_1", 51, VIP)
        + instance("VI_2", 52, VIP)));
    assertThat(d.kept()).as("both kept").hasSize(2);
    assertThat(d.added()).as("none added").isEmpty();
    assertThat(d.removed()).as("none removed").isEmpty();
    assertThat(d.kept()).allSatisfy(k -> {
      assertThat(k.vipsAdded()).as("no address added").isEmpty();
      assertThat(k.vipsRemoved()).as("no address removed").isEmpty();
    });
  }

  @Test
  void aRenamedInstanceOnTheSameVridAndInterfaceIsKept() {
    ReloadDiff d = ReloadDiff.between(conf(instance("VI_1", 51, VIP)),
        conf(instance("WEB", 51, VIP)));
    assertThat(d.kept()).as("keepalived matches by VRID and interface, not name").singleElement()
        .satisfies(k -> assertThat(k.after().name()).isEqualTo("WEB"));
    assertThat(d.summary()).isEqualTo("kept VI_1 as WEB");
  }

  @Test
  void anotherVridIsAnotherInstance() {
    ReloadDiff d = ReloadDiff.between(conf(instance("VI_1", 51, VIP)),
        conf(instance("VI_1", 61, VIP)));
    assertThat(d.kept()).as("same name, other VRID").isEmpty();
    assertThat(d.added()).extracting(VrrpInstance::vrid).containsExactly(61);
    assertThat(d.removed()).extracting(VrrpInstance::vrid).containsExactly(51);
  }

  @Test
  void anotherFamilyIsAnotherInstance() {
    ReloadDiff d = ReloadDiff.between(conf(instance("VI_1", 51, VIP)),
        conf(instance("VI_1", 51, "  virtual_ipaddress {\n    fd00:28::100/64\n  }\n")));
    assertThat(d.kept()).as("vrrp_exist compares the family: other sockets").isEmpty();
    assertThat(d.added()).singleElement().satisfies(i -> assertThat(i.ipv6()).isTrue());
    assertThat(d.removed()).singleElement().satisfies(i -> assertThat(i.ipv6()).isFalse());
  }

  @Test
  void unicastAndMulticastDoNotMatch() {
    ReloadDiff d = ReloadDiff.between(conf(instance("VI_1", 51, VIP)),
        conf(instance("VI_1", 51, VIP + "  unicast_peer {\n    10.0.0.5\n  }\n")));
    assertThat(d.kept()).as("the sockets differ").isEmpty();
    assertThat(d.added()).hasSize(1);
    assertThat(d.removed()).hasSize(1);
  }

  @Test
  void addedAndRemovedInstances() {
    ReloadDiff d = ReloadDiff.between(conf(instance("VI_1", 51, VIP) + instance("VI_2", 52, VIP)),
        conf(instance("VI_1", 51, VIP) + instance("VI_3", 53, VIP)));
    assertThat(d.kept()).extracting(k -> k.after().name()).containsExactly("VI_1");
    assertThat(d.added()).extracting(VrrpInstance::name).containsExactly("VI_3");
    assertThat(d.removed()).extracting(VrrpInstance::name).containsExactly("VI_2");
    assertThat(d.summary()).isEqualTo("kept VI_1; added VI_3; removed VI_2");
  }

  @Test
  void addressesAddedAndRemovedWithNewPriority() {
    ReloadDiff d = ReloadDiff.between(
        conf(instance("VI_1", 51, "  virtual_ipaddress {\n    10.0.0.211/24\n    10.0.0.212/24\n"
            + "  }\n")),
        conf(instance("VI_1", 51, "  priority 90\n  virtual_ipaddress {\n    10.0.0.212/24\n"
            + "    10.0.0.213/24\n  }\n")));
    ReloadDiff.Kept k = d.kept().getFirst();
    assertThat(k.vipsAdded()).as("added").extracting(VirtualAddress::toString)
        .containsExactly("10.0.0.213/24");
    assertThat(k.vipsRemoved()).as("removed").extracting(VirtualAddress::toString)
        .containsExactly("10.0.0.211/24");
    assertThat(d.summary())
        .isEqualTo("kept VI_1 (priority 100 -> 90, +10.0.0.213/24, -10.0.0.211/24)");
  }
}
