package lbchaos.vrrp.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code vrrp --ready PATH}: one line, {@code ready}, written to PATH once every instance has
 * handled its start-up (a {@code state MASTER} owner has sent its first advert, the others are
 * BACKUP). The java LB's supervisor (lb-java) waits for it before it starts the proxy agent, so
 * the two JVMs do not share the node's CPU while the VRRP agent starts: start to first advert is
 * a target of the agent, the proxy binds the VIP with ip_nonlocal_bind and needs no order.
 *
 * <p>PATH is opened while the agent is still root (a FIFO the supervisor made and holds open for
 * reading: opening it for writing would otherwise block until a reader comes); a failure to open
 * or write it is reported and never stops the agent, the supervisor has a timeout of its own.
 */
final class ReadySignal implements AutoCloseable {

  static final String LINE = "ready\n";

  private final Optional<OutputStream> out;
  private final AtomicInteger pending;
  private final Reporter report;

  /** Where a failure to signal goes (the agent's stderr and events). */
  @FunctionalInterface
  interface Reporter {
    void failed(String sentence);
  }

  private ReadySignal(Optional<OutputStream> out, int instances, Reporter report) {
    if (instances < 1) {
      throw new IllegalArgumentException("instances must be at least 1: " + instances);
    }
    this.out = out;
    this.pending = new AtomicInteger(instances);
    this.report = report;
  }

  /** Opens {@code path} (an existing file or FIFO, never created) for the given instances. */
  static ReadySignal open(Optional<Path> path, int instances, Reporter report) {
    Optional<OutputStream> out = Optional.empty();
    if (path.isPresent()) {
      try {
        out = Optional.of(Files.newOutputStream(path.get(), StandardOpenOption.WRITE,
            StandardOpenOption.APPEND));
      } catch (IOException | RuntimeException e) {
        report.failed("cannot open the ready signal " + path.get() + ": " + e);
      }
    }
    return new ReadySignal(out, instances, report);
  }

  /** One instance has handled its start-up; the last one writes the line. */
  void instanceStarted() {
    if (pending.decrementAndGet() == 0 && out.isPresent()) {
      try {
        out.get().write(LINE.getBytes(StandardCharsets.US_ASCII));
        out.get().flush();
      } catch (IOException e) {
        report.failed("cannot write the ready signal: " + e);
      } finally {
        close();
      }
    }
  }

  @Override
  public void close() {
    out.ifPresent(o -> {
      try {
        o.close();
      } catch (IOException e) {
        // the reader is gone: nobody waits for the line any more
      }
    });
  }
}
