package lbchaos.harness.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a {@link Schedule}: each step at its offset from the start, then returns. Whatever ends
 * the run (a failed inject, an interrupt), every fault it injected and did not heal yet is
 * healed before it returns or throws, last injected first.
 */
public final class ScheduleRunner {

  /** Waits until an offset from the start of the run; the real one parks the thread. */
  public interface Clock {
    /** Time since the run started. */
    Duration elapsed();

    void waitUntil(Duration offset) throws InterruptedException;

    static Clock system() {
      long t0 = System.nanoTime();
      return new Clock() {
        public Duration elapsed() {
          return Duration.ofNanos(System.nanoTime() - t0);
        }

        public void waitUntil(Duration offset) throws InterruptedException {
          long left;
          while ((left = offset.toNanos() - (System.nanoTime() - t0)) > 0) {
            // The schedule is the thing timed here: waiting is its job, not a test's guess.
            Thread.sleep(Duration.ofNanos(left));
          }
        }
      };
    }
  }

  private final FaultActions actions;
  private final Consumer<String> log;

  public ScheduleRunner(FaultActions actions, Consumer<String> log) {
    this.actions = actions;
    this.log = log;
  }

  public void run(Schedule schedule) {
    run(schedule, Clock.system());
  }

  public void run(Schedule schedule, Clock clock) {
    List<Fault> active = new ArrayList<>();
    try {
      for (Schedule.Step s : schedule.steps()) {
        clock.waitUntil(s.at());
        log.accept(s + String.format(" (at +%.2fs)", clock.elapsed().toMillis() / 1000.0));
        if (s.action() == Schedule.Step.Action.INJECT) {
          active.add(s.fault()); // before the action: a half-done inject is healed too
          actions.inject(s.fault());
        } else {
          actions.heal(s.fault());
          active.remove(s.fault());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      IllegalStateException ex = new IllegalStateException("schedule interrupted", e);
      healAfter(active, ex);
      throw ex;
    } catch (RuntimeException | Error e) {
      healAfter(active, e);
      throw e;
    }
  }

  /** Heals after a failure; a heal that fails too is attached to the first failure. */
  private void healAfter(List<Fault> active, Throwable cause) {
    try {
      healAll(active);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void healAll(List<Fault> active) {
    RuntimeException first = null;
    for (Fault f : active.reversed()) {
      try {
        log.accept("heal " + f.name() + " on " + f.target() + " (run ended early)");
        actions.heal(f);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
