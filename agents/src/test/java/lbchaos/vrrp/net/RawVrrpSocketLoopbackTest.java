package lbchaos.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import lbchaos.vrrp.packet.Advert;
import lbchaos.vrrp.packet.VrrpCodec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The IPv4 advert socket on the loopback device (raw sockets need root): a unicast advert to
 * 127.0.0.1 comes back whole on the receiving socket, with the kernel's receive time. The packet
 * is left unread for a while, as a busy node's reader leaves it: its age says so.
 */
class RawVrrpSocketLoopbackTest {

  static final Duration UNREAD = Duration.ofMillis(150);
  /** Two clocks (the kernel's wall clock, System.nanoTime) read microseconds apart. */
  static final long SLACK = TimeUnit.MILLISECONDS.toNanos(5);

  @Test
  void aPacketLeftUnreadComesWithItsWaitInTheKernel() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "raw sockets need root (CAP_NET_RAW)");
    Inet4Address lo = (Inet4Address) InetAddress.ofLiteral("127.0.0.1");
    try (RawVrrpSocket s = RawVrrpSocket.open("lo", 1, lo, false, Duration.ofSeconds(2))) {
      Advert a = Advert.v3(51, 100, Duration.ofSeconds(1), List.of(lo));
      s.send(VrrpCodec.encode(a, lo, lo), lo);
      long sent = System.nanoTime();
      // The stimulus, not a wait for a condition: nobody reads while the packet sits queued.
      LockSupport.parkNanos(UNREAD.toNanos());
      byte[] ip = s.receive();
      long unread = System.nanoTime() - sent;
      assertThat(ip).as("our advert, whole, IP header first").isNotNull();
      assertThat(ip[9] & 0xff).as("protocol").isEqualTo(VrrpCodec.IP_PROTOCOL);
      assertThat(s.receivedAgeNanos()).as("its wait in the kernel before the read")
          .isBetween(UNREAD.toNanos() - SLACK, unread + SLACK);
    }
  }
}
