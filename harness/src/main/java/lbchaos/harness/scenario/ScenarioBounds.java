package lbchaos.harness.scenario;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import lbchaos.verdict.Bound;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.CheckTiming;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.expect.TrackWeight;
import lbchaos.harness.expect.VrrpTiming;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.Server;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.VrrpInstance;

/**
 * What the article's scenarios compute their bounds from, whichever configs the topology runs:
 * the timing of the backup that takes over when the master dies, the health-check timing of the
 * first server, and which server and webserver a backend fault hits.
 *
 * @param backup the VRRP timing of the LB that takes over from the master
 * @param check haproxy's check timing of {@code server}
 * @param server the haproxy server name a backend fault is judged by ("backend-1")
 * @param webserver the container behind it ("webserver-1")
 * @param factor multiplies the bounds the checks judge by (1 normally); a test makes it tiny to
 *     prove that a failing check fails the run
 */
public record ScenarioBounds(VrrpTiming backup, CheckTiming check, String server,
    String webserver, double factor) {

  public ScenarioBounds {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("bound factor must be positive, got " + factor);
    }
  }

  /** The rendered configs with these settings. */
  public static ScenarioBounds of(LbSettings s) {
    return new ScenarioBounds(Timings.vrrp(s, 1), Timings.haproxy(s), "backend-1", "webserver-1",
        1);
  }

  /**
   * A user's configs: the backup is the LB of second-highest priority (the one that takes over
   * when the highest dies), the check timing that of the first server of the backend the first
   * frontend uses.
   */
  public static ScenarioBounds from(List<KeepalivedConfig> keepalived, HaproxyConfig haproxy) {
    List<VrrpInstance> byPriority = keepalived.stream().map(c -> c.instances().getFirst())
        .sorted(Comparator.comparingInt(VrrpInstance::priority).reversed()).toList();
    VrrpInstance b = byPriority.size() > 1 ? byPriority.get(1) : byPriority.getFirst();
    VrrpTiming backup = new VrrpTiming(b.version(), b.advertInterval(), b.priority(), b.preempt(),
        b.preemptDelay(), java.util.stream.Stream.concat(b.trackScripts().stream()
            .map(t -> new TrackWeight(t.name(), t.weight(), t.reverse())),
            b.linkTracks().stream().map(t -> TrackWeight.link(t.name(), t.weight(), t.reverse())))
            .toList());
    Backend be = haproxy.frontends().stream().flatMap(f -> f.targetBackend().stream())
        .flatMap(n -> haproxy.backend(n).stream()).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(haproxy.file() + ": no backend in use"));
    Server first = be.servers().getFirst();
    return new ScenarioBounds(backup, checkTiming(be, first), first.name(), "webserver-1", 1);
  }

  /** haproxy's check timing of one server as its parsed backend says (timeouts included). */
  static CheckTiming checkTiming(Backend be, Server server) {
    var t = be.checkTiming(server);
    var to = be.timeouts();
    return new CheckTiming(t.inter(), t.fastinter(), t.downinter(), t.fall(), t.rise(),
        to.check().orElse(null), to.connect().orElse(null));
  }

  public ScenarioBounds withFactor(double f) {
    return new ScenarioBounds(backup, check, server, webserver, f);
  }

  /** Master_Down_Interval of the backup. */
  public Bound masterDown() {
    return Expectations.masterDownInterval(backup);
  }

  /** The advert interval the daemons run with. */
  public Duration advert() {
    return Expectations.effectiveAdvert(backup);
  }

  /** A bound a check judges by, times the factor (stated in its derivation when not 1). */
  public Bound judged(Bound b) {
    if (factor == 1) {
      return b;
    }
    return new Bound(Duration.ofNanos(Math.round(b.value().toNanos() * factor)),
        "(" + b.derivation() + ") x " + factor + " (bound factor)");
  }
}
