package lbchaos.vrrp.packet;

import java.net.Inet4Address;

/** The outcome of decoding one received packet: never an exception. */
public sealed interface Decoded {

  /** An advert that passed every check of the {@link ReceivePolicy}. */
  record Received(Advert advert, Inet4Address source, Inet4Address destination, int ttl)
      implements Decoded {}

  /**
   * A packet that was dropped. {@code source} is null when the IP header could not be read.
   * {@code detail} says what exactly was wrong, for logs.
   */
  record Drop(DropReason reason, Inet4Address source, String detail) implements Decoded {}
}
