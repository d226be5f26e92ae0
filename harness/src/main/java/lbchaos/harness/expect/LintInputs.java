package lbchaos.harness.expect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.Frontend;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.Timeouts;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.TrackedInterface;
import lbchaos.vrrp.config.TrackedScript;
import lbchaos.vrrp.config.VrrpInstance;

/**
 * Maps the agents' parsed configs onto {@link Lint}'s inputs. Pure: the files are read and
 * parsed at the edge (config.ConfigFiles).
 */
public final class LintInputs {

  private LintInputs() {}

  /**
   * One declaration per vrrp_instance. The advert interval is the one keepalived runs with (the
   * parser already rounded a fractional VRRPv2 value and warned about it).
   */
  public static List<VrrpInstanceDecl> vrrp(KeepalivedConfig c) {
    List<VrrpInstanceDecl> out = new ArrayList<>();
    for (VrrpInstance i : c.instances()) {
      List<TrackWeight> tracks = new ArrayList<>();
      for (TrackedScript t : i.trackScripts()) {
        tracks.add(new TrackWeight(t.name(), t.weight(), t.reverse()));
      }
      // Links count as scripts do (a down link as a failing script): the own interface at
      // weight 0 unless dont_track_primary, track_interface entries with their weights.
      for (TrackedInterface t : i.linkTracks()) {
        tracks.add(TrackWeight.link(t.name(), t.weight(), t.reverse()));
      }
      List<String> vips = i.virtualAddresses().stream().map(Object::toString).toList();
      out.add(new VrrpInstanceDecl(i.file().toString(), i.line(), i.name(), i.iface(), i.vrid(),
          i.version(), i.advertInterval(), i.priority(), tracks, vips));
    }
    return List.copyOf(out);
  }

  /**
   * The timeouts a connection meets on its way through: per frontend, its client timeout with
   * the connect/server/check timeouts of the backend it sends to (a listen section is both, under
   * one name). A backend no frontend sends to is listed alone, its client timeout taken as set:
   * no client ever waits on it.
   */
  public static List<HaproxyTimeouts> haproxy(HaproxyConfig c) {
    String file = c.file().toString();
    List<HaproxyTimeouts> out = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Frontend f : c.frontends()) {
      Optional<Backend> b = f.targetBackend().flatMap(c::backend);
      b.ifPresent(be -> used.add(be.name()));
      Timeouts back = b.map(Backend::timeouts).orElse(f.timeouts());
      String section = b.map(be -> be.name().equals(f.name()) ? f.name()
          : f.name() + " -> " + be.name()).orElse(f.name());
      out.add(new HaproxyTimeouts(file, f.line(), section, or(back.connect()),
          or(f.timeouts().client()), or(back.server()), or(back.check())));
    }
    for (Backend b : c.backends()) {
      if (!used.contains(b.name())) {
        Timeouts t = b.timeouts();
        out.add(new HaproxyTimeouts(file, b.line(), b.name(), or(t.connect()),
            t.client().orElse(Duration.ZERO), or(t.server()), or(t.check())));
      }
    }
    return List.copyOf(out);
  }

  private static Duration or(Optional<Duration> d) {
    return d.orElse(null);
  }
}
