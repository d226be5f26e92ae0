package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import lbchaos.vrrp.net.GratuitousArp;
import lbchaos.vrrp.net.UnsolicitedNeighbourAdvert;
import org.junit.jupiter.api.Test;

/**
 * One burst after becoming master, as keepalived 2.2.7 vrrp_send_link_update sends it: repeat
 * rounds over the VIPs, an unsolicited neighbour advertisement for each IPv6 VIP and a
 * gratuitous ARP for each IPv4 one, on the same garp_master_* schedule (the machine's SendGarp).
 */
class NetEffectsFramesTest {

  static final byte[] MAC = {2, 0x42, (byte) 0xac, 0x1e, 0x1c, 2};

  @Test
  void anIpv6BurstIsOneNeighbourAdvertPerVipPerRound() {
    Inet6Address a = (Inet6Address) InetAddress.ofLiteral("fd00:28::200");
    Inet6Address b = (Inet6Address) InetAddress.ofLiteral("fd00:28::201");
    List<byte[]> frames = NetEffects.frames(MAC, List.of(a, b), false, 3);
    assertThat(frames).as("3 rounds of 2 VIPs").hasSize(6);
    assertThat(frames.get(0)).as("first: the NA for the first VIP")
        .isEqualTo(UnsolicitedNeighbourAdvert.frame(MAC, a, false));
    assertThat(frames.get(1)).isEqualTo(UnsolicitedNeighbourAdvert.frame(MAC, b, false));
    assertThat(frames.get(2)).as("then round two").isEqualTo(frames.get(0));
    assertThat(NetEffects.frames(MAC, List.of(a), true, 1).getFirst())
        .as("router flag when the interface forwards")
        .isEqualTo(UnsolicitedNeighbourAdvert.frame(MAC, a, true));
  }

  @Test
  void anIpv4BurstIsStillGratuitousArps() {
    Inet4Address v = (Inet4Address) InetAddress.ofLiteral("10.0.0.5");
    assertThat(NetEffects.frames(MAC, List.of(v), false, 2))
        .containsExactly(GratuitousArp.frame(MAC, v), GratuitousArp.frame(MAC, v));
  }
}
