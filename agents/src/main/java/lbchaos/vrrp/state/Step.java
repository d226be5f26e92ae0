package lbchaos.vrrp.state;

import java.util.List;

/** The result of one input: the next snapshot and the actions to execute, in order. */
public record Step(Snapshot next, List<Action> actions) {
  public Step {
    actions = List.copyOf(actions);
  }
}
