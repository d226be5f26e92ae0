package lbchaos.event;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes an agent's JSON-line events and plain log lines from a thread of its own, in the order
 * they were handed over. Nothing on a latency-critical thread may wait on output: the first JSON
 * event of a JVM costs 0.3-0.8 s (Jackson's set-up, measured with the container's C1-only
 * flags), and a slow reader of the container's stdout blocks a write.
 *
 * <p>The proxy: written on the loop that runs the health checks, the first DOWN event stalled
 * every connection of that loop, so connects to the dead server timed out that much late and
 * redispatched requests outlived the client's 2 s timeout. haproxy likewise never blocks on
 * logging (UDP syslog). The VRRP agent: a new master adds its VIPs and reports them before it
 * sends its first advert and GARP, all on the instance's thread; the report must not delay them.
 *
 * <p>Each event's time stamp is taken by the caller when the thing happened, so queueing changes
 * when a line is written, never what it says. One writer thread keeps the hand-over order across
 * every thread that emits.
 */
public final class EventWriter implements AutoCloseable, Consumer<Event> {

  /** How long {@link #close()} waits for queued lines. */
  public static final Duration DRAIN = Duration.ofSeconds(2);

  private final PrintStream events;
  private final PrintStream log;
  private final ExecutorService thread;

  /**
   * @param threadName the writer thread's name ("proxy-events")
   * @param events where JSON-line events go (stdout in the container)
   * @param log where plain log lines go (stderr)
   * @param warmUp serialised once, to nowhere, at once: pays Jackson's set-up before the first
   *     event that matters
   */
  public EventWriter(String threadName, PrintStream events, PrintStream log, Event warmUp) {
    this.events = events;
    this.log = log;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    thread.execute(() -> Events.toJson(warmUp));
  }

  /** Queues an event; it is written after every event and line queued before it. */
  public void emit(Event e) {
    submit(() -> Events.emit(events, e));
  }

  /** The same as {@link #emit}, so a writer can be handed over as an event sink. */
  @Override
  public void accept(Event e) {
    emit(e);
  }

  /**
   * Queues a plain line on the events stream (stdout), in order with the events: haproxy's
   * "log stdout" writes its access log there too.
   */
  public void out(String line) {
    submit(() -> {
      synchronized (events) {
        events.println(line);
        events.flush();
      }
    });
  }

  /** Queues a plain log line. */
  public void log(String line) {
    submit(() -> log.println(line));
  }

  private void submit(Runnable r) {
    if (!thread.isShutdown()) {
      thread.execute(r);
    }
  }

  /** Writes what is queued (at most {@link #DRAIN}), then stops the thread; later lines drop. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(DRAIN.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
