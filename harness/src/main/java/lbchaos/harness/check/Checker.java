package lbchaos.harness.check;

import java.util.function.UnaryOperator;
import lbchaos.harness.history.History;

/** Looks at a History and says whether it is acceptable, with figures. Pure: no I/O. */
@FunctionalInterface
public interface Checker {

  Verdict check(History history);

  /** This and another check; valid when both are. */
  default Checker and(Checker other) {
    return Checks.all(this, other);
  }

  /** The same check on part of the history, e.g. {@code h -> h.between(from, to)}. */
  default Checker on(UnaryOperator<History> view) {
    return h -> check(view.apply(h));
  }
}
