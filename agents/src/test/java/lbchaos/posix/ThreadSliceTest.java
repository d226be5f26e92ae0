package lbchaos.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ThreadSliceTest {

  /** On a thread of its own: the slice stays with the thread that asked. */
  private static <T> T onNewThread(Supplier<T> body) throws Exception {
    CompletableFuture<T> out = new CompletableFuture<>();
    Thread t = Thread.ofPlatform().start(() -> out.complete(body.get()));
    t.join();
    return out.get();
  }

  @Test
  void theCallingThreadGetsTheSliceItAsked() throws Exception {
    record Seen(Optional<Duration> before, Optional<String> refused, Optional<Duration> after) {}
    Seen seen = onNewThread(() -> {
      Optional<Duration> before = ThreadSlice.current();
      Optional<String> refused = ThreadSlice.request(ThreadSlice.MIN);
      return new Seen(before, refused, ThreadSlice.current());
    });
    // Kernels before 6.12 report no slice for a SCHED_OTHER thread (and ignore the request).
    assumeTrue(seen.before().map(d -> !d.isZero()).orElse(false), "kernel reports no slice");
    assertThat(seen.refused()).as("the kernel took the request unprivileged").isEmpty();
    assertThat(seen.before()).as("the default slice is longer").get()
        .isNotEqualTo(ThreadSlice.MIN);
    assertThat(seen.after()).as("the slice now").contains(ThreadSlice.MIN);
    // Per thread: the test's own thread keeps the default.
    assertThat(ThreadSlice.current()).as("the test's own thread").isEqualTo(seen.before());
  }

  @Test
  void aSliceBelowTheKernelsShortestIsRefusedHere() {
    assertThatThrownBy(() -> ThreadSlice.request(Duration.ofNanos(50_000)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
