package lbchaos.vrrp.agent;

import java.time.Duration;
import java.util.function.Consumer;
import lbchaos.posix.ThreadSlice;

/**
 * The threads on the advert path (an instance's timer thread and its reader) ask for the
 * kernel's shortest time slice before they run: each wakes, works for a fraction of a
 * millisecond and sleeps again, and with the shortest slice its wake-up preempts a busy loop
 * instead of queueing behind it. keepalived's adverts at 0.01 s under the bench's CPU hog left
 * at most 33 ms between them on the wire, ours 160 ms: the JVM's timer thread had waited in
 * the run queue, not in a GC (issue 22, BENCHMARKS.md session 18).
 */
final class ShortSlice {

  static final Duration SLICE = ThreadSlice.MIN;

  private ShortSlice() {}

  /** {@code task}, run after asking for the slice; {@code refused} gets the kernel's no. */
  static Runnable first(Runnable task, Consumer<String> refused) {
    return () -> {
      ThreadSlice.request(SLICE).ifPresent(refused);
      task.run();
    };
  }
}
