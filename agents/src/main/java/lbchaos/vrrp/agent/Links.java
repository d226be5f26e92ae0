package lbchaos.vrrp.agent;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Where an instance's track monitor learns the state of the links it tracks. */
interface Links {

  /** Told of each change of a link it asked about. */
  @FunctionalInterface
  interface Listener {
    void linkChanged(String name, boolean up);
  }

  /**
   * Subscribes {@code l} to changes of the links {@code names}; returns their state now, in the
   * same step, so that no change falls between the two: true up, false down, and no entry for a
   * name no interface has.
   */
  Map<String, Boolean> subscribe(Set<String> names, Listener l);

  void unsubscribe(Listener l);

  /** Every link up and never changing: for tests, and where nothing watches links. */
  Links ALL_UP = new Links() {
    @Override
    public Map<String, Boolean> subscribe(Set<String> names, Listener l) {
      Map<String, Boolean> up = new HashMap<>();
      names.forEach(n -> up.put(n, true));
      return up;
    }

    @Override
    public void unsubscribe(Listener l) {}
  };
}
