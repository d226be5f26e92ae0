package lbchaos.report.model;

/** A stretch of time with a label, e.g. a fault from inject to heal ("kill loadbalancer-1"). */
public record Span(long fromMicros, long toMicros, String label) {

  public Span {
    Checks.order(fromMicros, toMicros, "span " + label);
    Checks.text(label, "span label");
  }
}
