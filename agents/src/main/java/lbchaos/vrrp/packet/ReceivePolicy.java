package lbchaos.vrrp.packet;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;

/**
 * What a receiver expects of adverts (RFC 5798 section 7.1, RFC 3768 section 7.1).
 * {@link #any()} checks only the wire (TTL, version 2 or 3, type, length, checksum), which is
 * what a passive observer wants.
 *
 * @param vrid the VRID to accept, 0 for any
 * @param version the version to accept, 0 for 2 or 3
 * @param ownAddresses sources that are ours (looped back adverts are dropped as {@code OWN})
 * @param authType v2 auth type expected, -1 to not check
 * @param password v2 password expected when authType is 1
 * @param intervalCentis v2 interval expected, 0 to not check
 */
public record ReceivePolicy(int vrid, int version, Set<? extends InetAddress> ownAddresses, int authType,
    String password, int intervalCentis) {

  public ReceivePolicy {
    ownAddresses = Set.<InetAddress>copyOf(Objects.requireNonNull(ownAddresses, "ownAddresses"));
    Objects.requireNonNull(password, "password");
    if (vrid < 0 || vrid > 255 || (version != 0 && version != 2 && version != 3)) {
      throw new IllegalArgumentException("bad vrid/version " + vrid + "/" + version);
    }
  }

  public static ReceivePolicy any() {
    return new ReceivePolicy(0, 0, Set.of(), -1, "", 0);
  }

  /** An instance's policy: its VRID, version, own address and (v2) auth and interval. */
  public static ReceivePolicy forInstance(int vrid, int version, Set<? extends InetAddress> own,
      String v2Password, int intervalCentis) {
    if (version == 3) {
      return new ReceivePolicy(vrid, 3, own, -1, "", 0);
    }
    boolean auth = v2Password != null && !v2Password.isEmpty();
    return new ReceivePolicy(vrid, 2, own, auth ? Advert.AUTH_SIMPLE : Advert.AUTH_NONE,
        auth ? v2Password : "", intervalCentis);
  }
}
