package lbchaos.vrrp.config;

import static lbchaos.vrrp.config.KeepalivedParserTest.F;
import static lbchaos.vrrp.config.KeepalivedParserTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import lbchaos.config.ConfigWarning;
import lbchaos.config.JavaRefusal;
import org.junit.jupiter.api.Test;

/**
 * virtual_ipaddress with IPv6 addresses as keepalived 2.2.7 reads them: the first VIP sets the
 * instance's family (vrrp_data.c alloc_vrrp_vip), an IPv6 instance defaults to VRRPv3 whatever
 * the global vrrp_version (vrrp.c vrrp_complete_instance), prefix default 128 (vrrp_ipaddress.c).
 * The Java agent runs IPv6 instances (multicast) and refuses IPv6 unicast addresses.
 */
class Ipv6InstanceTest {

  static KeepalivedConfig parse(String vips, String body) {
    return KeepalivedParser.parse(F, "vrrp_instance V6 {\n interface eth0\n virtual_router_id 61\n"
        + " virtual_ipaddress {\n" + vips + " }\n" + body + "}\n");
  }

  @Test
  void anIpv6InstanceIsVersion3WithSixteenOctetVipsAndRunsOnTheAgent() {
    KeepalivedConfig c = parse("  fd00:28::100/64 dev eth0\n  fd00:28::101\n", "");
    VrrpInstance i = only(c);
    assertThat(i.version()).as("IPv6 defaults to v3 though global vrrp_version is 2")
        .isEqualTo(3);
    assertThat(i.virtualAddresses()).as("addresses, prefixes").containsExactly(
        new VirtualAddress(InetAddress.ofLiteral("fd00:28::100"), 64, Optional.of("eth0"),
            Optional.empty()),
        new VirtualAddress(InetAddress.ofLiteral("fd00:28::101"), 128, Optional.empty(),
            Optional.empty()));
    assertThat(c.javaRefusals()).as("the agent runs IPv6 instances now").isEmpty();
    assertThat(i.ipv6()).as("the instance's family").isTrue();
    assertThat(c.warnings()).as("keepalived's start-up line").extracting(ConfigWarning::message)
        .containsExactly("(V6) the first IPv6 VIP address should be link local");
  }

  @Test
  void aLinkLocalFirstVipIsWhatKeepalivedWants() {
    KeepalivedConfig c = parse("  fe80::10/64\n  fd00:28::100/64\n", "");
    assertThat(c.warnings()).as("nothing to say").isEmpty();
    assertThat(only(c).virtualAddresses()).hasSize(2);
  }

  @Test
  void aVipOfTheOtherFamilyIsIgnoredWithKeepalivedsError() {
    KeepalivedConfig c = parse("  fd00:28::100/64\n  10.0.0.5/24\n", "");
    assertThat(only(c).virtualAddresses()).as("the IPv4 VIP is dropped")
        .extracting(v -> v.address().getHostAddress()).containsExactly("fd00:28:0:0:0:0:0:100");
    assertThat(c.warnings()).as("said at its line").filteredOn(w -> w.line() == 6)
        .singleElement().extracting(ConfigWarning::message).asString()
        .contains("address family must match VRRP instance [10.0.0.5/24] - ignoring");
    KeepalivedConfig v4first = parse("  10.0.0.5/24\n  fd00:28::100/64\n", "");
    assertThat(only(v4first).virtualAddresses()).as("the IPv6 VIP is dropped, family IPv4")
        .extracting(v -> v.address().getHostAddress()).containsExactly("10.0.0.5");
    assertThat(v4first.javaRefusals()).as("an IPv4 instance runs on the agent").isEmpty();
  }

  @Test
  void writtenVersion2IsKeptAsKeepalivedDoesOutsideStrictMode() {
    KeepalivedConfig c = parse("  fe80::10/64\n", " version 2\n");
    assertThat(only(c).version()).isEqualTo(2);
    assertThat(c.warnings()).extracting(ConfigWarning::message).singleElement().asString()
        .contains("VRRPv2 headers over IPv6");
  }

  @Test
  void ipv6UnicastAddressesAreRefusedNotMisread() {
    KeepalivedConfig c = parse("  10.0.0.5/24\n", " unicast_peer {\n  fd00:28::3\n }\n");
    assertThat(only(c).unicastPeers()).as("not read as anything").isEmpty();
    assertThat(c.javaRefusals()).extracting(JavaRefusal::line).containsExactly(8);
  }

  @Test
  void anIpv6PrefixAbove128IsAnError() {
    assertThat(KeepalivedParserErrorsTest.errors("vrrp_instance V6 {\n interface eth0\n"
        + " virtual_router_id 61\n virtual_ipaddress {\n  fd00::1/129\n }\n}\n").problems())
        .as("at the VIP line").anySatisfy(p -> assertThat(p.toString()).contains(":5"));
  }

  @Test
  void anIpv4MappedAddressIsAnErrorNotReadAsIpv4() {
    assertThat(KeepalivedParserErrorsTest.errors("vrrp_instance V6 {\n interface eth0\n"
        + " virtual_router_id 61\n virtual_ipaddress {\n  ::ffff:10.0.0.1\n }\n}\n").problems())
        .as("Java would read it as IPv4, keepalived as IPv6")
        .anySatisfy(p -> assertThat(p.toString()).contains("IPv4-mapped"));
  }
}
