package lbchaos.harness.scenario;

import java.util.function.Consumer;
import lbchaos.event.ProbeSample;

/** Sees each probe sample as it arrives (progress output); flushed when a scenario ends. */
public interface ProbeWatcher extends Consumer<ProbeSample> {

  ProbeWatcher NONE = p -> { };

  default void flush() {}
}
