package lbchaos.agents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An agent started before it may act (the node image's lb-java with {@code --hold}): its JVM
 * starts and reads its config while the harness waits for the webservers, and it opens its
 * sockets only once the harness's go file exists. Without it the JVM's start, about 2.5 s on two
 * busy cores, came after the go, on the path to every java topology's ready. A file that exists
 * already (a restarted LB) holds nothing.
 */
public final class Hold {

  /** As the image's isolated wrapper polls for the same file. */
  static final Duration POLL = Duration.ofMillis(20);

  private Hold() {}

  /** Returns once {@code go} exists (at once when empty or already there). */
  public static void until(Optional<Path> go) {
    if (go.isEmpty()) {
      return;
    }
    try {
      while (!Files.exists(go.get())) {
        Thread.sleep(POLL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
