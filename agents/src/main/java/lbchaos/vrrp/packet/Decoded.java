package lbchaos.vrrp.packet;

import java.net.InetAddress;

/** The outcome of decoding one received packet: never an exception. */
public sealed interface Decoded {

  /** An advert that passed every check of the {@link ReceivePolicy}. */
  record Received(Advert advert, InetAddress source, InetAddress destination, int ttl)
      implements Decoded {}

  /**
   * A packet that was dropped. {@code source} is null when the IP header could not be read.
   * {@code detail} says what exactly was wrong, for logs.
   */
  record Drop(DropReason reason, InetAddress source, String detail) implements Decoded {}
}
