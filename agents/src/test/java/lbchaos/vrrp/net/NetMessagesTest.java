package lbchaos.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Optional;
import lbchaos.posix.ErrnoException;
import org.junit.jupiter.api.Test;

/** The bytes the FFM calls send, checked without a socket (the host runs little-endian). */
class NetMessagesTest {

  static final HexFormat HEX = HexFormat.of();
  static final Inet4Address VIP = ip("192.168.122.211");

  static Inet4Address ip(String s) {
    try {
      return (Inet4Address) Inet4Address.getByName(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void addAddressIsNlmsghdrIfaddrmsgAndTwoAttributes() {
    assertThat(ByteOrder.nativeOrder()).as("test vectors are little-endian")
        .isEqualTo(ByteOrder.LITTLE_ENDIAN);
    byte[] msg = RtNetlink.addAddress(7, 3, VIP, 24, Optional.empty());
    assertThat(HEX.formatHex(msg)).as("RTM_NEWADDR for 192.168.122.211/24 on ifindex 3")
        .isEqualTo("28000000" + "1400" + "0506" + "07000000" + "00000000" // len 40, type 20,
            // flags REQUEST|ACK|EXCL|CREATE = 0x0605, seq 7, pid 0
            + "02" + "18" + "00" + "00" + "03000000" // AF_INET, /24, flags, scope, ifindex 3
            + "0800" + "0200" + "c0a87ad3" // IFA_LOCAL
            + "0800" + "0100" + "c0a87ad3"); // IFA_ADDRESS
  }

  @Test
  void anIpv6VipIsAddedWithNodadAsKeepalivedDoes() {
    java.net.Inet6Address vip = (java.net.Inet6Address) java.net.InetAddress.ofLiteral(
        "fd00:28::100");
    byte[] msg = RtNetlink.addAddress6(7, 3, vip, 64);
    assertThat(HEX.formatHex(msg)).as("RTM_NEWADDR for fd00:28::100/64 on ifindex 3")
        .isEqualTo("34000000" + "1400" + "0506" + "07000000" + "00000000" // len 52, type 20
            + "0a" + "40" + "00" + "00" + "03000000" // AF_INET6, /64, flags, scope, ifindex 3
            + "1400" + "0200" + "fd000028000000000000000000000100" // IFA_LOCAL
            + "0800" + "0800" + "02000000"); // IFA_FLAGS IFA_F_NODAD
    byte[] del = RtNetlink.deleteAddress6(8, 3, vip, 64);
    assertThat(HEX.formatHex(del)).as("RTM_DELADDR: IFA_LOCAL alone, no flags")
        .isEqualTo("2c000000" + "1500" + "0500" + "08000000" + "00000000"
            + "0a" + "40" + "00" + "00" + "03000000"
            + "1400" + "0200" + "fd000028000000000000000000000100");
  }

  @Test
  void deleteAddressAsksOnlyForAnAck() {
    byte[] msg = RtNetlink.deleteAddress(8, 3, VIP, 24);
    ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt(0)).as("length").isEqualTo(msg.length).isEqualTo(40);
    assertThat(b.getShort(4)).as("RTM_DELADDR").isEqualTo((short) 21);
    assertThat(b.getShort(6)).as("REQUEST|ACK").isEqualTo((short) 0x5);
    assertThat(b.getInt(8)).as("seq").isEqualTo(8);
  }

  @Test
  void labelIsANulTerminatedPaddedAttribute() {
    byte[] msg = RtNetlink.addAddress(1, 3, VIP, 24, Optional.of("eth0:1"));
    assertThat(msg.length).as("40 + align(4 + 7)").isEqualTo(52);
    assertThat(HEX.formatHex(msg, 40, 52)).as("IFA_LABEL 'eth0:1\\0' padded to 4")
        .isEqualTo("0b00" + "0300" + HEX.formatHex("eth0:1".getBytes()) + "00" + "00");
  }

  @Test
  void readsTheAcknowledgementForItsSequenceNumber() {
    ByteBuffer ok = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
    ok.putInt(36).putShort((short) 2).putShort((short) 0).putInt(7).putInt(99).putInt(0);
    assertThat(RtNetlink.ackError(ok.array(), 36, 7)).as("ack").contains(0);
    assertThat(RtNetlink.ackError(ok.array(), 36, 8)).as("other seq").isEmpty();
    ByteBuffer exists = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
    exists.putInt(36).putShort((short) 2).putShort((short) 0).putInt(7).putInt(99).putInt(-17);
    assertThat(RtNetlink.ackError(exists.array(), 36, 7)).as("EEXIST").contains(17);
    assertThat(RtNetlink.ackError(new byte[] {1, 2, 3}, 3, 7)).as("garbage").isEmpty();
    ByteBuffer broken = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    broken.putInt(4000).putShort((short) 2);
    assertThat(RtNetlink.ackError(broken.array(), 16, 7)).as("length beyond buffer").isEmpty();
  }

  @Test
  void gratuitousArpAnnouncesTheVipAtOurMac() {
    byte[] mac = HEX.parseHex("02420a000030");
    byte[] f = GratuitousArp.frame(mac, VIP);
    assertThat(HEX.formatHex(f, 0, 42)).as("Ethernet + ARP request, sender = target = VIP")
        .isEqualTo("ffffffffffff" + "02420a000030" + "0806"
            + "0001" + "0800" + "06" + "04" + "0001"
            + "02420a000030" + "c0a87ad3"
            + "ffffffffffff" + "c0a87ad3");
    assertThat(f).as("padded to the 60-byte minimum").hasSize(60);
    assertThat(HEX.formatHex(f, 42, 60)).as("zero padding").matches("0+");
  }

  @Test
  void socketAddressStructs() {
    assertThat(HEX.formatHex(SockAddrs.in(VIP))).as("sockaddr_in")
        .isEqualTo("0200" + "0000" + "c0a87ad3" + "0000000000000000");
    assertThat(HEX.formatHex(SockAddrs.mreqn(ip("224.0.0.18"), ip("10.0.0.48"), 5)))
        .as("ip_mreqn").isEqualTo("e0000012" + "0a000030" + "05000000");
    assertThat(HEX.formatHex(SockAddrs.packetBroadcast(5, 0x0806))).as("sockaddr_ll")
        .isEqualTo("1100" + "0806" + "05000000" + "0100" + "00" + "06" + "ffffffffffff0000");
    assertThat(HEX.formatHex(SockAddrs.timeval(1_500_000))).as("timeval 1.5 s")
        .isEqualTo("0100000000000000" + "20a1070000000000");
  }

  @Test
  void libcBindingsLinkAndReportErrno() {
    // Only proves the FFM downcalls resolve and errno is captured: an invalid domain fails
    // with EAFNOSUPPORT (97) without touching the network.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Libc.socket(9999, Libc.SOCK_RAW, 0))
        .as("socket with a bogus family").isInstanceOfSatisfying(ErrnoException.class,
            e -> assertThat(e.errno()).isEqualTo(97));
  }
}
