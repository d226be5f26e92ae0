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
import lbchaos.vrrp.net.RtNetlink;
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
  /** The instance as started: what {@link #rehearse} runs, from any thread. */
  private final VrrpInstance started;
  private final LinkInfo link;
  private final InetAddress src;
  private final AdvertSocket socket;
  private final NetlinkSocket netlink;
  private final PacketSocket packets;
  private List<InetAddress> vips;

  NetEffects(VrrpInstance cfg, LinkInfo link, InetAddress src, AdvertSocket socket)
      throws IOException {
    this.cfg = cfg;
    this.started = cfg;
    this.link = link;
    this.src = src;
    this.socket = socket;
    this.netlink = new NetlinkSocket();
    this.packets = new PacketSocket(link.index());
    this.vips = cfg.addresses();
  }

  Advert advert(int priority) {
    return advert(cfg, vips, priority);
  }

  private static Advert advert(VrrpInstance cfg, List<InetAddress> vips, int priority) {
    return cfg.version() == 3 ? Advert.v3(cfg.vrid(), priority, cfg.advertInterval(), vips)
        : Advert.v2(cfg.vrid(), priority, cfg.advertInterval(), ipv4(vips), cfg.password());
  }

  /**
   * The Java of the MASTER path without its I/O, run once after the instances have started (off
   * the runner's thread, which it must not hold up): what a backup's first takeover would
   * otherwise link between its master down timer and its first advert. The VIP records' hashCode
   * and equals (ObjectMethods call sites), the netlink messages (a lambda), the GARP frames, the
   * MAC's text (a Formatter), an advert's encoding. No AOT cache holds a linked call site, so
   * every JVM links its own when first run: on a busy machine that put the first takeover
   * 6-35 ms after later ones (BENCHMARKS.md, session 18). The same reason keeps pattern
   * switches (a typeSwitch bootstrap spins a class) off this path. Returns what it built, which
   * nothing sends.
   */
  List<byte[]> rehearse() {
    return rehearse(started, link, src, started.unicastPeers().isEmpty() ? socket.group()
        : started.unicastPeers().getFirst());
  }

  /** {@link #rehearse()} for {@code cfg} on {@code link}, adverts from {@code src} to {@code to}. */
  static List<byte[]> rehearse(VrrpInstance cfg, LinkInfo link, InetAddress src,
      InetAddress to) {
    List<byte[]> built = new ArrayList<>();
    for (VirtualAddress v : cfg.virtualAddresses()) {
      v.hashCode(); // the runner keeps the VIPs it holds in a set
      v.equals(v);
      if (v.address() instanceof Inet4Address a) {
        built.add(RtNetlink.addAddress(0, link.index(), a, v.prefixLength(), v.label()));
        built.add(RtNetlink.deleteAddress(0, link.index(), a, v.prefixLength()));
      } else if (v.address() instanceof Inet6Address a) {
        built.add(RtNetlink.addAddress6(0, link.index(), a, v.prefixLength()));
        built.add(RtNetlink.deleteAddress6(0, link.index(), a, v.prefixLength()));
      }
    }
    built.addAll(frames(link.mac(), cfg.addresses(), false, 1));
    built.add(link.macString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    built.add(VrrpCodec.encode(advert(cfg, cfg.addresses(), cfg.priority()), src, to));
    return built;
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
    // instanceof, not a pattern switch: see rehearse
    if (v.address() instanceof Inet6Address a) {
      netlink.add6(index(v), a, v.prefixLength());
    } else if (v.address() instanceof Inet4Address a) {
      netlink.add(index(v), a, v.prefixLength(), v.label());
    } else {
      throw new IOException("neither IPv4 nor IPv6: " + v);
    }
  }

  @Override
  public void removeVip(VirtualAddress v) throws IOException {
    if (v.address() instanceof Inet6Address a) {
      netlink.delete6(index(v), a, v.prefixLength());
    } else if (v.address() instanceof Inet4Address a) {
      netlink.delete(index(v), a, v.prefixLength());
    } else {
      throw new IOException("neither IPv4 nor IPv6: " + v);
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
    List<byte[]> round = new ArrayList<>(); // no stream, no pattern switch: see rehearse
    for (InetAddress vip : vips) {
      if (vip instanceof Inet6Address v6) {
        round.add(UnsolicitedNeighbourAdvert.frame(mac, v6, router));
      } else if (vip instanceof Inet4Address v4) {
        round.add(GratuitousArp.frame(mac, v4));
      } else {
        throw new IllegalArgumentException("neither IPv4 nor IPv6: " + vip);
      }
    }
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
