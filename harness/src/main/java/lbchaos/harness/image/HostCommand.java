package lbchaos.harness.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command of this machine: only the image builds do (jlink, mmdebstrap, docker import),
 * which is why it lives here and nowhere else. Everything a run does to containers and networks
 * goes through the Docker API, so the harness needs no root and no host namespace for it.
 *
 * <p>The output (stdout and stderr together) goes to a file, so a command that writes much can
 * never block on a full pipe, and a hung one is noticed: past its timeout it is stopped with
 * every process it started, and {@link TimedOut} names it, the timeout and its last output.
 */
final class HostCommand {

  /** How long a stopped command and its processes get to end on SIGTERM before SIGKILL. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private static final int TAIL = 2000;

  private HostCommand() {}

  /** A command that ran past its timeout; it and its descendants were stopped. */
  static final class TimedOut extends IllegalStateException {
    TimedOut(String message) {
      super(message);
    }
  }

  /** Runs {@code command}, failing with its output when it fails or outlives {@code timeout}. */
  static String run(Duration timeout, String... command) {
    String name = String.join(" ", command);
    Path log;
    try {
      log = Files.createTempFile("lbchaos-host-", ".log");
    } catch (IOException e) {
      throw new IllegalStateException(command[0] + ": cannot make a file for its output ("
          + e.getMessage() + ")", e);
    }
    try {
      Process p;
      try {
        p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
      } catch (IOException e) {
        throw new IllegalStateException(command[0] + ": cannot run (" + e.getMessage() + ")", e);
      }
      boolean ended;
      try {
        ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        destroyTree(p, GRACE);
        Thread.currentThread().interrupt();
        throw new IllegalStateException(name + ": interrupted; stopped it", e);
      }
      if (!ended) {
        int stopped = destroyTree(p, GRACE);
        throw new TimedOut(name + ": timed out after " + describe(timeout) + "; stopped it and "
            + (stopped - 1) + " process(es) it started; its last output: "
            + tailOrNone(read(log)));
      }
      String text = read(log);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(name + " failed (exit " + p.exitValue() + "): "
            + tail(text, TAIL));
      }
      return text;
    } finally {
      try {
        Files.deleteIfExists(log);
      } catch (IOException e) {
        // a temp file left behind: nothing to fail for
      }
    }
  }

  /**
   * Stops {@code p} and every process it started: SIGTERM, then SIGKILL to those still there
   * after {@code grace}; returns once all of them ended (or gave up on after a further 5 s).
   * The descendants go first, while {@code p} still holds the tree together: once a process
   * ends its children are re-parented and no longer found as descendants. Returns how many
   * processes were stopped, {@code p} included.
   */
  static int destroyTree(Process p, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>();
    // Each round catches what the previous round's processes started meanwhile.
    for (int round = 0; round < 10 && p.isAlive(); round++) {
      List<ProcessHandle> found = p.descendants().filter(h -> !all.contains(h)).toList();
      if (found.isEmpty()) {
        break;
      }
      all.addAll(found);
      found.forEach(ProcessHandle::destroy);
    }
    all.add(p.toHandle());
    p.destroy();
    if (!awaitEnd(all, grace)) {
      p.descendants().filter(h -> !all.contains(h)).forEach(all::add);
      all.forEach(ProcessHandle::destroyForcibly);
      awaitEnd(all, Duration.ofSeconds(5));
    }
    return all.size();
  }

  private static boolean awaitEnd(List<ProcessHandle> processes, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    for (ProcessHandle h : processes) {
      try {
        h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static String read(Path log) {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  static String describe(Duration d) {
    if (d.toMillis() % 60_000 == 0) {
      return d.toMinutes() + " min";
    }
    if (d.toMillis() % 1000 == 0) {
      return d.toSeconds() + " s";
    }
    return d.toMillis() + " ms";
  }

  private static String tailOrNone(String s) {
    return s.isBlank() ? "(none)" : tail(s.strip(), TAIL);
  }

  static String tail(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max);
  }
}
