package lbchaos.vrrp.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lbchaos.vrrp.config.VirtualAddress;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.net.AdvertSocket;
import lbchaos.vrrp.net.GratuitousArp;
import lbchaos.vrrp.net.LinkInfo;
import lbchaos.vrrp.net.NetlinkSocket;
import lbchaos.vrrp.net.PacketSocket;
import lbchaos.vrrp.net.UnsolicitedNeighbourAdvert;
import lbchaos.vrrp.packet.Advert;
import lbchaos.vrrp.packet.VrrpCodec;

/**
 * The real effects: adverts on the raw socket of the instance's family, VIPs through rtnetlink,
 * gratuitous ARPs (IPv4 VIPs) and unsolicited neighbour advertisements (IPv6 VIPs) on AF_PACKET.
 */
final class NetEffects implements Effects {

  // Written by a reload on the runner's thread, read there and by nothing else.
  private VrrpInstance cfg;
  private final LinkInfo link;
  private final InetAddress src;
  private final AdvertSocket socket;
  private final NetlinkSocket netlink;
  private final PacketSocket packets;
  private List<InetAddress> vips;

  NetEffects(VrrpInstance cfg, LinkInfo link, InetAddress src, AdvertSocket socket)
      throws IOException {
    this.cfg = cfg;
    this.link = link;
    this.src = src;
    this.socket = socket;
    this.netlink = new NetlinkSocket();
    this.packets = new PacketSocket(link.index());
    this.vips = cfg.addresses();
  }

  Advert advert(int priority) {
    return cfg.version() == 3 ? Advert.v3(cfg.vrid(), priority, cfg.advertInterval(), vips)
        : Advert.v2(cfg.vrid(), priority, cfg.advertInterval(), ipv4(vips), cfg.password());
  }

  @Override
  public void sendAdvert(int priority) throws IOException {
    Advert a = advert(priority);
    if (cfg.unicastPeers().isEmpty()) {
      socket.send(VrrpCodec.encode(a, src, socket.group()), socket.group());
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
    this.vips = next.addresses();
  }

  @Override
  public void addVip(VirtualAddress v) throws IOException {
    switch (v.address()) {
      case Inet6Address a -> netlink.add6(index(v), a, v.prefixLength());
      case Inet4Address a -> netlink.add(index(v), a, v.prefixLength(), v.label());
      default -> throw new IOException("neither IPv4 nor IPv6: " + v);
    }
  }

  @Override
  public void removeVip(VirtualAddress v) throws IOException {
    switch (v.address()) {
      case Inet6Address a -> netlink.delete6(index(v), a, v.prefixLength());
      case Inet4Address a -> netlink.delete(index(v), a, v.prefixLength());
      default -> throw new IOException("neither IPv4 nor IPv6: " + v);
    }
  }

  /** A v2 instance is IPv4 (the parser makes an IPv6 instance v3 unless written otherwise). */
  private static List<Inet4Address> ipv4(List<InetAddress> addrs) {
    return addrs.stream().map(Inet4Address.class::cast).toList();
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
    for (byte[] frame : frames(link.mac(), vips, forwarding(link.name()), repeat)) {
      if (frame.length > 14 && frame[12] == (byte) 0x86 && frame[13] == (byte) 0xDD) {
        packets.send6(frame);
      } else {
        packets.send(frame);
      }
    }
  }

  /**
   * The frames of one burst, as keepalived 2.2.7 vrrp_send_link_update sends them: {@code repeat}
   * rounds over the VIPs, a gratuitous ARP for an IPv4 VIP, an unsolicited neighbour
   * advertisement for an IPv6 one (vrrp_ndisc.c, router flag when the interface forwards).
   */
  static List<byte[]> frames(byte[] mac, List<InetAddress> vips, boolean router, int repeat) {
    List<byte[]> round = vips.stream().map(vip -> switch (vip) {
      case Inet6Address v6 -> UnsolicitedNeighbourAdvert.frame(mac, v6, router);
      case Inet4Address v4 -> GratuitousArp.frame(mac, v4);
      default -> throw new IllegalArgumentException("neither IPv4 nor IPv6: " + vip);
    }).toList();
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      out.addAll(round);
    }
    return out;
  }

  /**
   * The interface's IPv6 forwarding sysctl, which keepalived reads (set_ipv6_forwarding) to set
   * the router flag of its neighbour advertisements; false when unreadable.
   */
  private static boolean forwarding(String iface) {
    try {
      return Files.readString(Path.of("/proc/sys/net/ipv6/conf", iface, "forwarding"))
          .trim().equals("1");
    } catch (IOException | RuntimeException e) {
      return false;
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
