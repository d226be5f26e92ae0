package lbchaos.vrrp.agent;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.event.VrrpDrop;
import lbchaos.vrrp.packet.Advert;
import lbchaos.vrrp.packet.Decoded;
import lbchaos.vrrp.packet.DropReason;
import lbchaos.vrrp.packet.ReceivePolicy;
import lbchaos.vrrp.packet.VrrpCodec;
import lbchaos.vrrp.state.Input;

/**
 * Decodes received packets, feeds accepted adverts to the machine and counts drops by reason.
 * {@link #summary} reports the counts since the previous summary, so the event stream carries
 * drops without one line per packet.
 */
final class Receiver {

  // Replaced by a reload (version, password, interval) while the reader thread runs.
  private volatile ReceivePolicy policy;
  private final Inputs inputs;
  private final Consumer<Event> sink;
  private final String source;
  private final Notifier.Clocked clock;
  private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
  private final Map<DropReason, Long> reported = new EnumMap<>(DropReason.class);
  private final Map<DropReason, String> lastFrom = new EnumMap<>(DropReason.class);
  private final LongAdder received = new LongAdder();
  private volatile String lastMaster = "";
  /** A packet taken off the socket and not yet handed on or dropped (see InstanceRunner). */
  private volatile boolean holding;
  private long receivedReported;
  private long sentReported;

  Receiver(ReceivePolicy policy, Inputs inputs, Consumer<Event> sink, String source,
      Notifier.Clocked clock) {
    this.policy = policy;
    this.inputs = inputs;
    this.sink = sink;
    this.source = source;
    this.clock = clock;
    for (DropReason r : DropReason.values()) {
      drops.put(r, new LongAdder());
      reported.put(r, 0L);
    }
  }

  /** A reload: packets are judged by {@code next} from now on; the counts go on. */
  void reconfigure(ReceivePolicy next) {
    this.policy = next;
  }

  /**
   * Handles one whole IP packet from the raw socket, which the kernel had received
   * {@code ageNanos} before it was read (-1: not known).
   */
  void packet(byte[] ip, long ageNanos) {
    switch (VrrpCodec.decodeIp(ip, policy)) {
      case Decoded.Received r -> accepted(r, ageNanos);
      case Decoded.Drop d -> {
        drops.get(d.reason()).increment();
        if (d.source() != null) {
          lastFrom.put(d.reason(), Events.address(d.source()));
        }
      }
    }
  }

  private void accepted(Decoded.Received r, long ageNanos) {
    received.increment();
    Advert a = r.advert();
    String key = Events.address(r.source()) + "/" + a.priority();
    if (!key.equals(lastMaster)) {
      // first advert, or the master or its priority changed: worth one event
      lastMaster = key;
      sink.accept(new AdvertSeen(clock.nowMicros(), source, Events.address(r.source()),
          a.vrid(), a.priority(), a.version(), a.intervalCentis(), true, r.ttl()));
    }
    inputs.received(new Input.AdvertReceived(a.priority(), r.source(), a.interval()), ageNanos);
  }

  /** Emits VrrpDrop per reason with new drops, and a one-line advert summary. */
  synchronized void summary(String instance, long sentTotal) {
    long now = clock.nowMicros();
    for (DropReason r : DropReason.values()) {
      long total = drops.get(r).sum();
      long delta = total - reported.get(r);
      if (delta > 0) {
        sink.accept(new VrrpDrop(now, source, r.wireName(), lastFrom.getOrDefault(r, ""), delta));
        reported.put(r, total);
      }
    }
    long rx = received.sum();
    if (rx != receivedReported || sentTotal != sentReported) {
      sink.accept(new LogLine(now, source, "(" + instance + ") adverts sent " + (sentTotal
          - sentReported) + ", received " + (rx - receivedReported) + " (last from "
          + (lastMaster.isEmpty() ? "none" : lastMaster) + ")"));
      receivedReported = rx;
      sentReported = sentTotal;
    }
  }

  /** Whether the reader holds a packet it has not yet handed on or dropped. */
  boolean holding() {
    return holding;
  }

  long dropped(DropReason r) {
    return drops.get(r).sum();
  }

  /**
   * Reads until {@code running} turns false; each receive returns within its timeout.
   * {@code age} tells how long the packet just read had waited in the kernel.
   * {@code moved} runs after each packet is handed on or dropped.
   */
  static void loop(Supplier<Boolean> running, SocketReader socket, LongSupplier age,
      Receiver rx, Runnable moved, Consumer<Exception> onError) {
    while (running.get()) {
      try {
        byte[] p = socket.receive();
        if (p != null) {
          rx.holding = true;
          try {
            rx.packet(p, age.getAsLong());
          } finally {
            rx.holding = false;
          }
          moved.run();
        }
      } catch (IOException | RuntimeException e) {
        onError.accept(e);
        return;
      }
    }
  }

  /** The one socket call the loop needs, so it can be faked. */
  interface SocketReader {
    byte[] receive() throws IOException;
  }

  /** Where accepted adverts go, with their wait in the kernel before the read (-1: unknown). */
  @FunctionalInterface
  interface Inputs {
    void received(Input in, long ageNanos);
  }
}
