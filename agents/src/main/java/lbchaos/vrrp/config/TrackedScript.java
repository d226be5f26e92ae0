package lbchaos.vrrp.config;

import java.util.Objects;

/** A track_script entry of an instance: the script and the weight in effect for this instance. */
public record TrackedScript(VrrpScript script, int weight) {
  public TrackedScript {
    Objects.requireNonNull(script, "script");
    if (weight < -VrrpScript.MAX_WEIGHT || weight > VrrpScript.MAX_WEIGHT) {
      throw new IllegalArgumentException("weight must be -253..253, was " + weight);
    }
  }

  public String name() {
    return script.name();
  }
}
