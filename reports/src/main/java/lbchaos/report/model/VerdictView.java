package lbchaos.report.model;

import java.util.Map;
import java.util.Optional;

/**
 * One check's verdict as a person reads it.
 *
 * <p>Bounds are keyed by figure name. A plain key ({@code "outage_s"}) or one ending in
 * {@code ".max"} is an upper bound; a key ending in {@code ".min"} is a lower bound. Most bounds
 * in this project are maxima (outage, detection, failed requests), shares are minima.
 *
 * @param sentence what was checked and what was seen, e.g. "the VIP moved within 0.31 s"
 */
public record VerdictView(String name, boolean passed, String sentence,
    Map<String, Double> figures, Map<String, Double> bounds) {

  public VerdictView {
    Checks.text(name, "verdict name");
    sentence = sentence == null ? "" : sentence;
    figures = Checks.figures(figures, "figures");
    bounds = Checks.figures(bounds, "bounds");
  }

  /** The upper bound on a figure, if any. */
  public Optional<Double> max(String figure) {
    Double v = bounds.get(figure + ".max");
    return Optional.ofNullable(v != null ? v : bounds.get(figure));
  }

  /** The lower bound on a figure, if any. */
  public Optional<Double> min(String figure) {
    return Optional.ofNullable(bounds.get(figure + ".min"));
  }
}
