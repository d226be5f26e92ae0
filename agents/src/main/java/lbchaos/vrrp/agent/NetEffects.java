package lbchaos.vrrp.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.util.List;
import lbchaos.vrrp.config.VirtualAddress;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.net.GratuitousArp;
import lbchaos.vrrp.net.LinkInfo;
import lbchaos.vrrp.net.NetlinkSocket;
import lbchaos.vrrp.net.PacketSocket;
import lbchaos.vrrp.net.RawVrrpSocket;
import lbchaos.vrrp.packet.Advert;
import lbchaos.vrrp.packet.VrrpCodec;

/** The real effects: adverts on the raw socket, VIPs through rtnetlink, GARP on AF_PACKET. */
final class NetEffects implements Effects {

  // Written by a reload on the runner's thread, read there and by nothing else.
  private VrrpInstance cfg;
  private final LinkInfo link;
  private final Inet4Address src;
  private final RawVrrpSocket socket;
  private final NetlinkSocket netlink;
  private final PacketSocket packets;
  private List<Inet4Address> vips;

  NetEffects(VrrpInstance cfg, LinkInfo link, Inet4Address src, RawVrrpSocket socket)
      throws IOException {
    this.cfg = cfg;
    this.link = link;
    this.src = src;
    this.socket = socket;
    this.netlink = new NetlinkSocket();
    this.packets = new PacketSocket(link.index());
    this.vips = cfg.ipv4Addresses();
  }

  Advert advert(int priority) {
    return cfg.version() == 3 ? Advert.v3(cfg.vrid(), priority, cfg.advertInterval(), vips)
        : Advert.v2(cfg.vrid(), priority, cfg.advertInterval(), vips, cfg.password());
  }

  @Override
  public void sendAdvert(int priority) throws IOException {
    Advert a = advert(priority);
    if (cfg.unicastPeers().isEmpty()) {
      socket.send(VrrpCodec.encode(a, src, VrrpCodec.MULTICAST_GROUP), VrrpCodec.MULTICAST_GROUP);
      return;
    }
    for (Inet4Address peer : cfg.unicastPeers()) {
      // v3 checksums cover the destination, so each peer gets its own encoding
      socket.send(VrrpCodec.encode(a, src, peer), peer);
    }
  }

  @Override
  public void reconfigure(VrrpInstance next) {
    this.cfg = next;
    this.vips = next.ipv4Addresses();
  }

  @Override
  public void addVip(VirtualAddress v) throws IOException {
    netlink.add(index(v), ipv4(v), v.prefixLength(), v.label());
  }

  @Override
  public void removeVip(VirtualAddress v) throws IOException {
    netlink.delete(index(v), ipv4(v), v.prefixLength());
  }

  /** The agent's VIPs are IPv4: an IPv6 instance is refused before it gets here. */
  private static Inet4Address ipv4(VirtualAddress v) {
    return (Inet4Address) v.address();
  }

  private int index(VirtualAddress v) throws IOException {
    if (v.device().isEmpty() || v.device().get().equals(link.name())) {
      return link.index();
    }
    java.net.NetworkInterface nif = java.net.NetworkInterface.getByName(v.device().get());
    if (nif == null) {
      throw new IOException("no interface " + v.device().get() + " for " + v);
    }
    return nif.getIndex();
  }

  @Override
  public void sendGarp(int repeat) throws IOException {
    List<byte[]> frames = vips.stream().map(vip -> GratuitousArp.frame(link.mac(), vip)).toList();
    for (int i = 0; i < repeat; i++) {
      for (byte[] frame : frames) {
        packets.send(frame);
      }
    }
  }

  @Override
  public String mac() {
    return link.macString();
  }

  @Override
  public void close() {
    packets.close();
    netlink.close();
  }
}
