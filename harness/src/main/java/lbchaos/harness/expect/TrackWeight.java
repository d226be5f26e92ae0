package lbchaos.harness.expect;

/**
 * A track_script entry of a vrrp_instance with its weight. keepalived: a positive weight is added
 * to the priority while the script succeeds, a negative one subtracted while it fails; weight 0
 * puts the instance in FAULT while the script fails.
 *
 * @param reverse keepalived 2.2's {@code weight N reverse}: each of those counts the other way
 *     round (a positive weight subtracted while the script succeeds, a negative one added while
 *     it fails, weight 0 FAULT while it succeeds)
 */
public record TrackWeight(String script, int weight, boolean reverse) {

  /** How a tracked link's entry is named among the scripts: "link eth1". */
  private static final String LINK = "link ";

  /**
   * A tracked interface (track_interface, or keepalived's implicit tracking of the instance's own
   * interface), which counts as a script does: a down link as a failing script.
   */
  public static TrackWeight link(String iface, int weight, boolean reverse) {
    return new TrackWeight(LINK + iface, weight, reverse);
  }

  /** For a sentence: "track_script chk" failing, or "track_interface eth1" down. */
  public String describe() {
    return script.startsWith(LINK) ? "track_interface " + script.substring(LINK.length())
        + " going down" : "failing track_script " + script;
  }

  /** An entry that is not reversed. */
  public TrackWeight(String script, int weight) {
    this(script, weight, false);
  }

  public TrackWeight {
    if (script == null || script.isBlank()) {
      throw new IllegalArgumentException("track_script needs a script name");
    }
    // keepalived accepts weights in -253..253 (vrrp_parser: "weight" range check)
    if (weight < -253 || weight > 253) {
      throw new IllegalArgumentException("track_script " + script + " weight " + weight
          + " outside -253..253");
    }
  }
}
