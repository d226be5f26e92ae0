package lbchaos.proxy.net;

import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.ServerState;

/**
 * Writes the proxy's JSON-line events and haproxy-style log lines from a thread of its own, in
 * the order they were handed over. Nothing on an event loop may wait on output: the first JSON
 * event of a JVM costs 0.3-0.8 s (Jackson's set-up, measured with the container's C1-only
 * flags), and a slow reader of the container's stdout blocks a write. Written on the loop that
 * runs the health checks, the first DOWN event stalled every connection of that loop, so
 * connects to the dead server timed out that much late and redispatched requests outlived
 * the client's 2 s timeout. haproxy likewise never blocks on logging (UDP syslog).
 */
final class EventWriter implements AutoCloseable {

  private final PrintStream events;
  private final PrintStream log;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "proxy-events");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param events where JSON-line events go (stdout in the container)
   * @param log where haproxy-style log lines go (stderr)
   */
  EventWriter(PrintStream events, PrintStream log) {
    this.events = events;
    this.log = log;
    // pay Jackson's set-up now, before any traffic, so the first real event is written at once
    thread.execute(() -> Events.toJson(new ServerState(0, "warm-up", "b", "s", true, "", 0)));
  }

  /** Queues an event; its time stamp was taken by the caller, so the line carries that. */
  void emit(Event e) {
    submit(() -> Events.emit(events, e));
  }

  void log(String line) {
    submit(() -> log.println(line));
  }

  private void submit(Runnable r) {
    if (!thread.isShutdown()) {
      thread.execute(r);
    }
  }

  /** Writes what is queued (at most 2 s), then stops the thread. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
