package lbchaos.vrrp.agent;

import java.io.IOException;
import lbchaos.vrrp.config.VirtualAddress;
import lbchaos.vrrp.config.VrrpInstance;

/** The I/O the state machine's actions need; {@link NetEffects} is the real one. */
interface Effects extends AutoCloseable {

  void sendAdvert(int priority) throws IOException;

  void addVip(VirtualAddress vip) throws IOException;

  void removeVip(VirtualAddress vip) throws IOException;

  /**
   * A reload kept this instance: adverts and GARPs use {@code next} from now on (its version,
   * interval, addresses, peers). Its VRID, interface and addressing are those of the sockets.
   */
  void reconfigure(VrrpInstance next);

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
