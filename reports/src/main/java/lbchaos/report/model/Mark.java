package lbchaos.report.model;

import java.util.Objects;

/**
 * An instant worth a flag on the timeline.
 *
 * @param lane the row it belongs to: a lane's name to draw it on that lane, anything else (e.g.
 *     "proxy loadbalancer-1") gets a row of marks of its own
 */
public record Mark(long atMicros, String lane, String label, Kind kind) {

  /** Decides the colour: DOWN red, UP green, INFO neutral. */
  public enum Kind { UP, DOWN, INFO }

  public Mark {
    Checks.text(lane, "mark lane");
    Checks.text(label, "mark label");
    Objects.requireNonNull(kind, "mark kind must not be null");
  }
}
