package lbchaos.harness.scenario;

import java.time.Duration;
import java.util.List;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.CheckTiming;
import lbchaos.harness.expect.TrackWeight;
import lbchaos.harness.expect.VrrpTiming;

/** The timing inputs of the expectations, from the settings our configs were rendered with. */
public final class Timings {

  private Timings() {}

  /** With the rendered track_script, and eth0's link at weight 0 unless dont_track_primary. */
  public static VrrpTiming vrrp(LbSettings s, int lbIndex) {
    TrackWeight script = new TrackWeight("check_apiserver", s.checkWeight());
    return new VrrpTiming(s.version(), s.advertInterval(), s.priority(lbIndex), !s.nopreempt(),
        s.preemptDelay(), s.dontTrackPrimary() ? List.of(script)
            : List.of(script, TrackWeight.link("eth0", 0, false)));
  }

  /** The rendered vrrp_script check_apiserver: interval, fall, rise as set, no timeout. */
  public static lbchaos.harness.expect.ScriptTiming script(LbSettings s) {
    return new lbchaos.harness.expect.ScriptTiming("check_apiserver",
        Duration.ofSeconds(s.checkInterval()), null, s.checkFall(), s.checkRise());
  }

  /** The rendered haproxy.cfg: default inter/fall/rise, timeout connect 10 s, no timeout check. */
  public static CheckTiming haproxy(LbSettings s) {
    return new CheckTiming(null, null, null, CheckTiming.DEFAULT_FALL, CheckTiming.DEFAULT_RISE,
        null, Duration.ofSeconds(10));
  }
}
