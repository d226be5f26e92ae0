package lbchaos.vrrp.packet;

/**
 * Why a received packet was not accepted as an advert for our instance: the receive checks of
 * RFC 5798 section 7.1 and RFC 3768 section 7.1. {@link #wireName()} is what goes into a
 * {@code VrrpDrop} event.
 */
public enum DropReason {
  /** Not an IPv4 packet carrying protocol 112, or a broken IP header. */
  NOT_VRRP("not-vrrp"),
  /** RFC 5798 section 7.1: the IP TTL must be 255. */
  TTL("ttl"),
  /** RFC 5798 section 7.1: the version must be the configured one. */
  VERSION("version"),
  /** RFC 5798 section 5.2.2: type 1 (ADVERTISEMENT) is the only type. */
  TYPE("type"),
  /** RFC 5798 section 7.1: the packet must contain the whole VRRP message. */
  LENGTH("length"),
  /** RFC 5798 section 7.1 / RFC 3768 section 7.1: the checksum must verify. */
  CHECKSUM("checksum"),
  /** RFC 3768 section 7.1: auth type and data must match the configured ones. */
  AUTH("auth"),
  /** RFC 3768 section 7.1: v2 advert interval must equal the configured one. */
  INTERVAL("interval"),
  /** Our own advert looped back. */
  OWN("own"),
  /** RFC 5798 section 7.1: a VRID not configured here is discarded. */
  OTHER_VRID("vrid");

  private final String wireName;

  DropReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
