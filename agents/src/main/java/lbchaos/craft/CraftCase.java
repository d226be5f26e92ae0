package lbchaos.craft;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Optional;
import lbchaos.vrrp.packet.Advert;
import lbchaos.vrrp.packet.DropReason;
import lbchaos.vrrp.packet.InternetChecksum;
import lbchaos.vrrp.packet.VrrpCodec;

/**
 * The receive cases of a VRRP conformance plan: each a whole IPv4 packet to 224.0.0.18 that
 * differs from a valid advert for the {@link Target} in one field. {@link #expected()} is the
 * drop RFC 5798 section 7.1 (RFC 3768 section 7.1 for v2) asks for, empty for the two cases a
 * receiver must accept and act on (priority 0 and 255).
 */
public enum CraftCase {
  /** RFC 5798 section 7.1: MUST verify that the IP TTL is 255. */
  TTL("ttl", DropReason.TTL),
  /** RFC 5798 section 7.1: MUST verify the VRRP version. A well-formed advert of the other one. */
  VERSION("version", DropReason.VERSION),
  /** RFC 5798 section 5.2.2: type 1 is the only type; "MUST be discarded" otherwise. */
  TYPE("type", DropReason.TYPE),
  /** RFC 5798 section 7.1: MUST verify the packet holds the whole message (one address more). */
  LENGTH("length", DropReason.LENGTH),
  /** RFC 5798 section 7.1: MUST verify the VRRP checksum. */
  CHECKSUM("checksum", DropReason.CHECKSUM),
  /** RFC 5798 section 7.1: MUST verify the VRID is configured, else discard. */
  VRID("vrid", DropReason.OTHER_VRID),
  /** RFC 3768 section 7.1: MUST perform the authentication of the configured auth type. */
  AUTH("auth", DropReason.AUTH),
  /** RFC 3768 section 7.1: MUST verify the Adver Interval equals the configured one. */
  INTERVAL("interval", DropReason.INTERVAL),
  /** RFC 5798 sections 6.4.2-6.4.3: a master resigning; accepted, acted on. */
  PRIORITY0("priority0", null),
  /** RFC 5798 section 6.4.3: an address owner's advert; accepted, compared by priority/IP. */
  PRIORITY255("priority255", null);

  private final String wireName;
  private final DropReason expected;

  CraftCase(String wireName, DropReason expected) {
    this.wireName = wireName;
    this.expected = expected;
  }

  public String wireName() {
    return wireName;
  }

  public Optional<DropReason> expected() {
    return Optional.ofNullable(expected);
  }

  /** Whether the case applies to this version (v3 has no auth and no interval check). */
  public boolean appliesTo(int version) {
    return version == 2 || (this != AUTH && this != INTERVAL);
  }

  public static CraftCase byName(String name) {
    for (CraftCase c : values()) {
      if (c.wireName.equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown case " + name);
  }

  /** The whole IPv4 packet for this case. */
  public byte[] packet(Target t) {
    Inet4Address dst = VrrpCodec.MULTICAST_GROUP;
    return switch (this) {
      case TTL -> VrrpCodec.encodeIp(valid(t, t.priority()), t.source(), dst, 64);
      case VERSION -> {
        Advert other = t.version() == 2
            ? Advert.v3(t.vrid(), t.priority(), t.advert(), t.vips())
            : Advert.v2(t.vrid(), t.priority(), Duration.ofSeconds(
                Math.max(1, t.advert().toSeconds())), t.vips(), "");
        yield ip(other, t);
      }
      case TYPE -> resum(t, mutate(ip(valid(t, t.priority()), t), 20, b -> (b & 0xF0) | 2));
      case LENGTH -> resum(t, mutate(ip(valid(t, t.priority()), t), 23, b -> b + 1));
      case CHECKSUM -> mutate(ip(valid(t, t.priority()), t), 27, b -> b ^ 0x5A);
      case VRID -> resum(t, mutate(ip(valid(t, t.priority()), t), 21, b -> b % 255 + 1));
      case AUTH -> ip(new Advert(2, t.vrid(), t.priority(), centis(t), t.vips(),
          Advert.AUTH_SIMPLE, t.password().equals("wrongpw") ? "wrongpw2" : "wrongpw"), t);
      case INTERVAL -> ip(new Advert(2, t.vrid(), t.priority(), centis(t) + 100, t.vips(),
          t.password().isEmpty() ? Advert.AUTH_NONE : Advert.AUTH_SIMPLE, t.password()), t);
      case PRIORITY0 -> ip(valid(t, 0), t);
      case PRIORITY255 -> ip(valid(t, 255), t);
    };
  }

  private static int centis(Target t) {
    return (int) (t.advert().toMillis() / 10);
  }

  private static Advert valid(Target t, int priority) {
    if (t.version() == 3) {
      return Advert.v3(t.vrid(), priority, t.advert(), t.vips());
    }
    return Advert.v2(t.vrid(), priority, t.advert(), t.vips(), t.password());
  }

  private static byte[] ip(Advert a, Target t) {
    return VrrpCodec.encodeIp(a, t.source(), VrrpCodec.MULTICAST_GROUP, VrrpCodec.TTL);
  }

  private static byte[] mutate(byte[] ip, int at, java.util.function.IntUnaryOperator f) {
    ip[at] = (byte) f.applyAsInt(ip[at] & 0xFF);
    return ip;
  }

  /**
   * Recomputes the VRRP checksum after a mutation, so that exactly one check fails: v3 sums the
   * pseudo-header (RFC 5798 section 5.2.8), v2 the message alone (RFC 3768 section 5.3.8).
   */
  private static byte[] resum(Target t, byte[] ip) {
    int len = ip.length - 20;
    ip[26] = 0;
    ip[27] = 0;
    long sum = 0;
    if (t.version() == 3) {
      byte[] pseudo = new byte[12];
      System.arraycopy(ip, 12, pseudo, 0, 8);
      pseudo[9] = (byte) VrrpCodec.IP_PROTOCOL;
      pseudo[10] = (byte) (len >>> 8);
      pseudo[11] = (byte) len;
      sum = InternetChecksum.add(sum, pseudo, 0, 12);
    }
    int c = InternetChecksum.finish(InternetChecksum.add(sum, ip, 20, len));
    ip[26] = (byte) (c >>> 8);
    ip[27] = (byte) c;
    return ip;
  }
}
