package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.VrrpDrop;
import lbchaos.vrrp.packet.Advert;
import lbchaos.vrrp.packet.DropReason;
import lbchaos.vrrp.packet.ReceivePolicy;
import lbchaos.vrrp.packet.VrrpCodec;
import lbchaos.vrrp.state.Input;
import org.junit.jupiter.api.Test;

class ReceiverTest {

  static final Inet4Address PEER = InstanceRunnerTest.ip("10.0.0.97");
  static final Inet4Address ME = InstanceRunnerTest.ip("10.0.0.48");
  static final Inet4Address VIP = InstanceRunnerTest.ip("10.0.0.211");

  final List<Input> inputs = new ArrayList<>();
  final List<Long> ages = new ArrayList<>();
  final List<Event> events = new ArrayList<>();
  final Receiver rx = new Receiver(ReceivePolicy.forInstance(51, 3, Set.of(ME), null, 100),
      (in, age) -> {
        inputs.add(in);
        ages.add(age);
      }, events::add, "lb1", () -> 42L);

  byte[] advert(Inet4Address from, int vrid, int prio, int ttl) {
    return VrrpCodec.encodeIp(Advert.v3(vrid, prio, Duration.ofMillis(100), List.of(VIP)), from,
        VrrpCodec.MULTICAST_GROUP, ttl);
  }

  @Test
  void acceptedAdvertsBecomeInputsAndTheFirstFromAMasterAnEvent() {
    rx.packet(advert(PEER, 51, 200, 255), -1);
    rx.packet(advert(PEER, 51, 200, 255), -1);
    assertThat(inputs).as("two inputs").containsExactly(
        new Input.AdvertReceived(200, PEER, Duration.ofMillis(100)),
        new Input.AdvertReceived(200, PEER, Duration.ofMillis(100)));
    assertThat(events).as("one AdvertSeen for a new master").containsExactly(
        new AdvertSeen(42L, "lb1", "10.0.0.97", 51, 200, 3, 10, true, 255));
  }

  @Test
  void dropsAreCountedAndSummarisedOncePerReason() {
    rx.packet(advert(PEER, 51, 200, 64), -1);
    rx.packet(advert(PEER, 51, 200, 1), -1);
    rx.packet(advert(PEER, 52, 200, 255), -1);
    rx.packet(advert(ME, 51, 200, 255), -1);
    rx.packet(new byte[] {1, 2, 3}, -1);
    assertThat(inputs).as("nothing accepted").isEmpty();
    assertThat(rx.dropped(DropReason.TTL)).as("ttl drops").isEqualTo(2);
    rx.summary("VI_1", 7);
    assertThat(events).as("one VrrpDrop per reason, with counts").contains(
        new VrrpDrop(42L, "lb1", "ttl", "10.0.0.97", 2),
        new VrrpDrop(42L, "lb1", "vrid", "10.0.0.97", 1),
        new VrrpDrop(42L, "lb1", "own", "10.0.0.48", 1),
        new VrrpDrop(42L, "lb1", "not-vrrp", "", 1));
    assertThat(events).as("advert summary").anySatisfy(e -> assertThat(e)
        .isInstanceOfSatisfying(LogLine.class, l -> assertThat(l.line()).contains("sent 7")));
    events.clear();
    rx.summary("VI_1", 7);
    assertThat(events).as("nothing new, nothing reported").isEmpty();
  }

  @Test
  void theReadLoopFeedsPacketsUntilStopped() {
    Deque<byte[]> queue = new ArrayDeque<>(List.of(advert(PEER, 51, 100, 255)));
    List<Exception> errors = new ArrayList<>();
    Receiver.loop(() -> !queue.isEmpty(), queue::poll, () -> 7_000, rx, () -> { }, errors::add);
    assertThat(inputs).as("one packet read").hasSize(1);
    assertThat(ages).as("with its wait in the kernel, as the socket told it").containsExactly(7_000L);
    assertThat(errors).as("no errors").isEmpty();
  }
}
