package lbchaos.verdict;

import java.time.Duration;
import java.util.Locale;

/**
 * A limit a check compares against, with where it came from ("3 x 1 s advert + 0.004 s skew").
 * Bounds are computed from the configuration (see lbchaos.harness.expect) so that a verdict can
 * say why a number is the limit.
 *
 * @param tolerance the part of {@code value} that is slack rather than config-derived, with its
 *     reasons ({@link Tolerance#NONE} when there is none)
 */
public record Bound(Duration value, String derivation, Tolerance tolerance) {

  public Bound {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException("bound must be a non-negative duration, got " + value);
    }
    if (derivation == null || derivation.isBlank()) {
      throw new IllegalArgumentException("a bound needs its derivation, so a verdict can say why");
    }
    tolerance = tolerance == null ? Tolerance.NONE : tolerance;
  }

  public Bound(Duration value, String derivation) {
    this(value, derivation, Tolerance.NONE);
  }

  public double seconds() {
    return value.toNanos() / 1e9;
  }

  public long micros() {
    return value.toNanos() / 1_000;
  }

  /** This bound plus another: values and tolerances add, derivations join with " + ". */
  public Bound plus(Bound other) {
    return new Bound(value.plus(other.value), derivation + " + " + other.derivation,
        tolerance.plus(other.tolerance));
  }

  /** "3.50 s (3 x 1 s advert + 0.004 s skew)". */
  public String describe() {
    return String.format(Locale.ROOT, "%.2f s (%s)", seconds(), derivation);
  }
}
