package lbchaos.harness.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.event.FaultEvent;

/**
 * One fault from its inject to its heal.
 *
 * @param healAt empty while the fault was never healed in this history
 */
public record FaultWindow(String fault, String target, long injectAt, Optional<Long> healAt) {

  public FaultWindow {
    if (fault == null || fault.isBlank()) {
      throw new IllegalArgumentException("fault name is required");
    }
    healAt.ifPresent(h -> {
      if (h < injectAt) {
        throw new IllegalArgumentException("heal at " + h + " before inject at " + injectAt);
      }
    });
  }

  /** True when {@code name} is this fault's name, or when name is null or "*" (any fault). */
  public boolean matches(String name) {
    return name == null || "*".equals(name) || name.equals(fault);
  }

  /**
   * Pairs each INJECT with the next HEAL of the same fault and target. A HEAL with no open inject
   * is ignored (heals are idempotent and may run twice: once by the test, once by cleanup).
   */
  static List<FaultWindow> pair(List<FaultEvent> faults) {
    List<FaultWindow> out = new ArrayList<>();
    List<Integer> open = new ArrayList<>();
    for (FaultEvent f : faults) {
      if (f.phase() == FaultEvent.Phase.INJECT) {
        open.add(out.size());
        out.add(new FaultWindow(f.fault(), f.target(), f.at(), Optional.empty()));
        continue;
      }
      for (int k = 0; k < open.size(); k++) {
        FaultWindow w = out.get(open.get(k));
        if (w.fault().equals(f.fault()) && java.util.Objects.equals(w.target(), f.target())) {
          out.set(open.get(k), new FaultWindow(w.fault(), w.target(), w.injectAt(),
              Optional.of(f.at())));
          open.remove(k);
          break;
        }
      }
    }
    return List.copyOf(out);
  }
}
