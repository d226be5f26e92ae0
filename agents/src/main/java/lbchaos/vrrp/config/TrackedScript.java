package lbchaos.vrrp.config;

import java.util.Objects;
import lbchaos.config.JavaRefusal;

/**
 * A track_script entry of an instance: the script and the weight in effect for this instance.
 *
 * @param reverse keepalived 2.2's {@code weight N reverse} (vrrp_track.c): the script counts the
 *     other way round: a positive weight is subtracted while the script succeeds, a negative one
 *     added (as its absolute value) while it fails, and weight 0 puts the instance in FAULT while
 *     the script succeeds. The Java agent refuses it ({@link JavaRefusal}); the model here
 *     ({@link VrrpInstance#effectivePriority}) follows keepalived once every script has reported.
 */
public record TrackedScript(VrrpScript script, int weight, boolean reverse) {
  public TrackedScript {
    Objects.requireNonNull(script, "script");
    if (weight < -VrrpScript.MAX_WEIGHT || weight > VrrpScript.MAX_WEIGHT) {
      throw new IllegalArgumentException("weight must be -253..253, was " + weight);
    }
  }

  /** An entry that is not reversed. */
  public TrackedScript(VrrpScript script, int weight) {
    this(script, weight, false);
  }

  public String name() {
    return script.name();
  }
}
