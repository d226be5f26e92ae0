package lbchaos.vrrp.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a script as keepalived does: argv split from the line, no shell, output discarded. */
final class Scripts {

  private Scripts() {}

  /** Exit code 0 within {@code timeout} is success; a timeout kills it and counts as failure. */
  static boolean runCheck(String line, Duration timeout) {
    List<String> argv = Commands.split(line);
    if (argv.isEmpty()) {
      return false;
    }
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return false;
    }
    try {
      if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Starts a notify script and reaps it on a virtual thread. Its stdout is discarded: ours
   * carries the event stream (the article's script tees to stdout).
   */
  static void startNotify(List<String> argv) throws IOException {
    Process p = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Thread.ofVirtual().name("notify-reaper").start(() -> {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
