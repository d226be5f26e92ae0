package lbchaos.harness.image;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of this machine: only the image builds do (jlink, mmdebstrap, docker import),
 * which is why it lives here and nowhere else. Everything a run does to containers and networks
 * goes through the Docker API, so the harness needs no root and no host namespace for it.
 */
final class HostCommand {

  private HostCommand() {}

  /** Runs {@code command}, failing with its output when it fails. */
  static String run(Duration timeout, String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + ": timed out after " + timeout);
      }
      String text = new String(out);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (exit "
            + p.exitValue() + "): " + tail(text, 2000));
      }
      return text;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(command[0] + ": cannot run (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(command[0] + ": interrupted", e);
    }
  }

  static String tail(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max);
  }
}
