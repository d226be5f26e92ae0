package lbchaos.craft;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The VRRP instance a crafted packet aims at, as its keepalived.conf describes it: a packet
 * that differs from a valid advert for this instance in exactly one field.
 *
 * @param source the IPv4 source written into the header (the crafting container's address)
 * @param version 2 or 3, as configured
 * @param vrid the configured VRID
 * @param advert the configured advert interval
 * @param vips the configured virtual addresses
 * @param password the v2 simple password, "" when none
 * @param priority the priority of the adverts that are meant to be dropped (a harmless one)
 */
public record Target(Inet4Address source, int version, int vrid, Duration advert,
    List<Inet4Address> vips, String password, int priority) {

  public Target {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(advert, "advert");
    Objects.requireNonNull(password, "password");
    vips = List.copyOf(vips);
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("version must be 2 or 3, was " + version);
    }
    if (vrid < 1 || vrid > 255 || priority < 0 || priority > 255) {
      throw new IllegalArgumentException("bad vrid/priority " + vrid + "/" + priority);
    }
  }
}
