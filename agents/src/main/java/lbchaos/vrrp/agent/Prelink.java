package lbchaos.vrrp.agent;

import java.time.Duration;
import lbchaos.privilege.PosixWarmup;
import lbchaos.vrrp.net.NetWarmup;

/**
 * Links the downcalls of the net edge and of the privilege drop on a thread of its own, from the
 * agent's first moment, while the main thread reads the config and looks up the interface. The
 * first downcall handle of a JVM sets up the FFM linker (about 0.1 s of CPU in a C1-only JVM,
 * measured in the node image; the image's AOT cache cannot hold the classes it spins),
 * and that stood between the config and the first advert. The calls are those of {@code vrrp
 * --train} ({@link NetWarmup}, {@link PosixWarmup}): they fail at once and change nothing.
 *
 * <p>A failure here is ignored: the main thread makes the same calls for real and reports.
 */
final class Prelink {

  private Prelink() {}

  static Thread start() {
    return Thread.ofPlatform().daemon().name("vrrp-prelink").start(Prelink::run);
  }

  static void run() {
    try {
      for (String c : Training.NET_CLASSES) {
        Class.forName(c, true, Prelink.class.getClassLoader());
      }
      NetWarmup.run();
      PosixWarmup.run();
    } catch (Exception | LinkageError e) {
      // the main thread meets it again where it matters
    }
  }

  /**
   * Waits for the thread, at most {@code max}: before the drop, so no warm-up call runs while
   * the credentials change.
   */
  static void await(Thread t, Duration max) {
    try {
      t.join(max);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
