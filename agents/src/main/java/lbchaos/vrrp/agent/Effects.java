package lbchaos.vrrp.agent;

import java.io.IOException;

/** The I/O the state machine's actions need; {@link NetEffects} is the real one. */
interface Effects extends AutoCloseable {

  void sendAdvert(int priority) throws IOException;

  void addVips() throws IOException;

  void removeVips() throws IOException;

  /**
   * One burst of gratuitous ARPs: {@code repeat} rounds over the VIPs, one GARP per VIP each, as
   * keepalived's vrrp_send_link_update sends them.
   */
  void sendGarp(int repeat) throws IOException;

  /** Our MAC as aa:bb:cc:dd:ee:ff, for GARP events. */
  String mac();

  @Override
  void close();
}
