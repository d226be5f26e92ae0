package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.net.GratuitousArp;
import lbchaos.vrrp.net.LinkInfo;
import lbchaos.vrrp.net.RtNetlink;
import lbchaos.vrrp.net.UnsolicitedNeighbourAdvert;
import lbchaos.vrrp.packet.Advert;
import lbchaos.vrrp.packet.VrrpCodec;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal a started agent runs of the MASTER path (NetEffects#rehearse): it builds what a
 * takeover sends, for the instance's family, so that the takeover finds that code linked. It
 * opens nothing: a LinkInfo of a made-up interface is all it needs.
 */
class NetEffectsRehearsalTest {

  static final LinkInfo LINK = new LinkInfo("eth9", 9, NetEffectsFramesTest.MAC,
      InetAddress.ofLiteral("10.0.0.2"));

  static VrrpInstance instance(String vips, String more) {
    return KeepalivedParser.parse(Path.of("t.conf"), "vrrp_instance VI_1 {\n interface eth9\n"
        + " virtual_router_id 51\n priority 254\n advert_int 0.1\n" + more
        + " virtual_ipaddress {\n" + vips + " }\n}\n").instances().getFirst();
  }

  @Test
  void anIpv4InstanceBuildsItsNetlinkRequestsGarpsAndAdvert() {
    VrrpInstance i = instance("  10.0.0.100/24\n", " version 3\n");
    Inet4Address vip = (Inet4Address) InetAddress.ofLiteral("10.0.0.100");
    List<byte[]> built = NetEffects.rehearse(i, LINK, LINK.primary(),
        VrrpCodec.MULTICAST_GROUP);
    assertThat(built).as("the VIP's add and delete requests").anySatisfy(b -> assertThat(b)
        .isEqualTo(RtNetlink.addAddress(0, 9, vip, 24, java.util.Optional.empty())));
    assertThat(built).anySatisfy(b -> assertThat(b)
        .isEqualTo(RtNetlink.deleteAddress(0, 9, vip, 24)));
    assertThat(built).as("its GARP").anySatisfy(b -> assertThat(b)
        .isEqualTo(GratuitousArp.frame(NetEffectsFramesTest.MAC, vip)));
    assertThat(built).as("the MAC as GARP events write it").anySatisfy(b -> assertThat(
        new String(b, StandardCharsets.US_ASCII)).isEqualTo("02:42:ac:1e:1c:02"));
    assertThat(built).as("an advert at its priority, as sendAdvert encodes it")
        .anySatisfy(b -> assertThat(b).isEqualTo(VrrpCodec.encode(Advert.v3(51, 254,
            Duration.ofMillis(100), List.of(vip)), LINK.primary(), VrrpCodec.MULTICAST_GROUP)));
    assertThat(built).as("nothing of the other family").noneSatisfy(b -> assertThat(b)
        .isEqualTo(UnsolicitedNeighbourAdvert.frame(NetEffectsFramesTest.MAC,
            (Inet6Address) InetAddress.ofLiteral("fd00:28::100"), false)));
  }

  @Test
  void anIpv6InstanceBuildsTheIpv6RequestsAndNeighbourAdverts() {
    VrrpInstance i = instance("  fd00:28::100/64\n", "");
    Inet6Address vip = (Inet6Address) InetAddress.ofLiteral("fd00:28::100");
    List<byte[]> built = NetEffects.rehearse(i, LINK, InetAddress.ofLiteral("fe80::2"),
        VrrpCodec.MULTICAST_GROUP_V6);
    assertThat(built).anySatisfy(b -> assertThat(b)
        .isEqualTo(RtNetlink.addAddress6(0, 9, vip, 64)));
    assertThat(built).anySatisfy(b -> assertThat(b)
        .isEqualTo(RtNetlink.deleteAddress6(0, 9, vip, 64)));
    assertThat(built).anySatisfy(b -> assertThat(b)
        .isEqualTo(UnsolicitedNeighbourAdvert.frame(NetEffectsFramesTest.MAC, vip, false)));
  }
}
