package lbchaos.harness.expect;

import java.time.Duration;
import java.util.List;

/**
 * A vrrp_instance as declared, with where, for {@link Lint}.
 *
 * @param advertInterval as written, before any rounding
 * @param vips virtual_ipaddress entries as written ("10.0.0.100", "10.0.0.100/24 dev eth0")
 */
public record VrrpInstanceDecl(String file, int line, String name, String iface, int vrid,
    int version, Duration advertInterval, int priority, List<TrackWeight> tracks,
    List<String> vips) {

  public VrrpInstanceDecl {
    tracks = tracks == null ? List.of() : List.copyOf(tracks);
    vips = vips == null ? List.of() : List.copyOf(vips);
  }
}
