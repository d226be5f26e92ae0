package lbchaos.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
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

  /** One advert left unread for a while: its age as the socket gives it, and send to read. */
  record Sample(long ageNanos, long unreadNanos) {}

  @Test
  void aPacketLeftUnreadComesWithItsWaitInTheKernel() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "raw sockets need root (CAP_NET_RAW)");
    try (RawVrrpSocket s = RawVrrpSocket.open("lo", 1, LO, false, Duration.ofSeconds(2))) {
      // A VRID of its own: a test running beside this one (another build) sends its own.
      int vrid = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 256);
      Advert a = Advert.v3(vrid, 100, Duration.ofSeconds(1), List.of(LO));
      // The first socket that asks for receive times turns them on for the host through a work
      // queue (net_enable_timestamp), a moment later; a packet that arrives before that is
      // stamped when it is read, with no age (a CI rehearsal read 1.2 ms for 150 ms unread on a
      // busy machine). So first, until a short wait shows in the age (bounded):
      await("the kernel stamping packets as they arrive").atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> leftUnread(s, a, PROBE).ageNanos() >= PROBE.toNanos() - SLACK);
      Sample x = leftUnread(s, a, UNREAD);
      assertThat(x.ageNanos()).as("its wait in the kernel before the read")
          .isBetween(UNREAD.toNanos() - SLACK, x.unreadNanos() + SLACK);
    }
  }

  static final Duration PROBE = Duration.ofMillis(20);
  static final Inet4Address LO = (Inet4Address) InetAddress.ofLiteral("127.0.0.1");

  static Sample leftUnread(RawVrrpSocket s, Advert a, Duration unread) throws Exception {
    byte[] ours = VrrpCodec.encode(a, LO, LO);
    s.send(ours, LO);
    long sent = System.nanoTime();
    // The stimulus, not a wait for a condition: nobody reads while the packet sits queued.
    // parkNanos may return at once (a permit left by an unpark, such as Awaitility's on this
    // thread: a run of the agents' tests read the advert 0.11 ms after sending it), so it is
    // parked again until the time is up.
    long until = sent + unread.toNanos();
    for (long left = unread.toNanos(); left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
    // The socket sees every VRRP packet on lo (another test or agent on this host may send
    // some): ours is the one with our message after the IP header.
    byte[] ip;
    do {
      ip = s.receive();
      assertThat(ip).as("our advert, whole, IP header first").isNotNull();
    } while (!Arrays.equals(ip, ip.length - ours.length, ip.length, ours, 0, ours.length));
    long read = System.nanoTime() - sent;
    assertThat(ip[9] & 0xff).as("protocol").isEqualTo(VrrpCodec.IP_PROTOCOL);
    return new Sample(s.receivedAgeNanos(), read);
  }
}
