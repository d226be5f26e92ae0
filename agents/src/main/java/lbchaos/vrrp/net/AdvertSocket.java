package lbchaos.vrrp.net;

import java.io.IOException;
import java.net.InetAddress;

/**
 * An instance's advert sockets, of one family: {@link RawVrrpSocket} (IPv4) or
 * {@link RawVrrp6Socket} (IPv6). The agent sends VRRP messages and reads whole IP packets,
 * whatever the family.
 */
public interface AdvertSocket extends AutoCloseable {

  /** Sends one VRRP message (from {@code VrrpCodec.encode}) to {@code destination}. */
  void send(byte[] vrrpMessage, InetAddress destination) throws IOException;

  /** One whole IP packet, or null when the receive timeout expired. Single reader only. */
  byte[] receive() throws IOException;

  /**
   * How long the packet the last {@link #receive} returned had been in the kernel's hands when
   * it was read (its receive timestamp against the clock just after the read); -1 when not
   * known. On a busy node the reader thread runs late; the packet's arrival is what counts.
   */
  long receivedAgeNanos();

  /**
   * Whether a packet waits to be read now. Any thread may ask, beside the reader blocked in
   * {@link #receive}; it takes nothing off the socket.
   */
  boolean readable();

  /** The source address of our adverts. */
  InetAddress local();

  /** The multicast group adverts go to: 224.0.0.18 or ff02::12. */
  InetAddress group();

  @Override
  void close();
}
