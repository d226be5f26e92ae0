package lbchaos.vrrp.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import lbchaos.posix.Fifo;
import lbchaos.privilege.Ids;
import lbchaos.vrrp.config.NotifyFifo;

/**
 * The notify FIFOs of global_defs, opened as keepalived 2.2.7 opens them (lib/notify.c
 * fifo_open), while the agent is still root: created when missing and then owned by the user
 * named after the path (else script_user's), the fifo script started with the path as its last
 * argument, then the FIFO opened read-write and non-blocking. Each line goes to every FIFO
 * (notify_fifo and vrrp_notify_fifo alike), whole, in the order given: the instances' threads
 * take turns here.
 */
final class NotifyFifos implements Consumer<String>, AutoCloseable {

  private final List<Fifo> fifos;
  private final java.util.Set<String> keywords;
  private final Consumer<String> log;

  private NotifyFifos(List<Fifo> fifos, java.util.Set<String> keywords, Consumer<String> log) {
    this.fifos = fifos;
    this.keywords = keywords;
    this.log = log;
  }

  /** Whom a FIFO this agent creates belongs to; empty: leave it to the agent (root). */
  @FunctionalInterface
  interface Owner {
    Optional<Ids> of(NotifyFifo f);
  }

  /**
   * Opens each; one that cannot be made or opened is left out with a line to {@code log}, as
   * keepalived logs it and goes on without it.
   */
  static NotifyFifos open(List<NotifyFifo> config, Owner owner, Notifier.Starter starter,
      Consumer<String> log) {
    List<Fifo> open = new ArrayList<>();
    java.util.Set<String> keywords = new java.util.HashSet<>();
    for (NotifyFifo f : config) {
      boolean created = false;
      try {
        Optional<Ids> ids = owner.of(f);
        created = Fifo.create(f.path());
        if (created && ids.isPresent() && !ids.get().root()) {
          try {
            Fifo.chown(f.path(), ids.get().uid(), ids.get().gid());
          } catch (IOException e) {
            log.accept("failed to set uid:gid for fifo " + f.path() + ": " + e.getMessage());
          }
        }
        if (f.script().isPresent()) {
          List<String> argv = new ArrayList<>(Commands.split(f.script().get()));
          argv.add(f.path().toString());
          starter.start(argv);
        }
        open.add(Fifo.open(f.path(), created));
        keywords.add(f.keyword());
      } catch (IOException | RuntimeException e) {
        log.accept("unable to open " + f.keyword() + " " + f.path() + ": " + e.getMessage());
        if (created) {
          try {
            java.nio.file.Files.deleteIfExists(f.path());
          } catch (IOException gone) {
            // nothing more to undo
          }
        }
      }
    }
    return new NotifyFifos(open, java.util.Set.copyOf(keywords), log);
  }

  /** No FIFO: lines go nowhere. */
  static NotifyFifos none() {
    return new NotifyFifos(List.of(), java.util.Set.of(), line -> { });
  }

  boolean isEmpty() {
    return fifos.isEmpty();
  }

  @Override
  public synchronized void accept(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    for (Fifo f : fifos) {
      try {
        f.write(bytes); // false: the pipe is full and the line lost, as keepalived loses it
      } catch (IOException e) {
        log.accept("write to notify fifo " + f.path() + " failed: " + e.getMessage());
      }
    }
  }

  /**
   * At exit keepalived 2.2.7 closes the FIFOs, removing those it made, only when a
   * vrrp_notify_fifo is open (vrrp_daemon.c vrrp_terminate_phase2); a lone notify_fifo it made
   * stays behind. The same here.
   */
  @Override
  public synchronized void close() {
    boolean unlink = keywords.contains("vrrp_notify_fifo");
    fifos.forEach(f -> f.close(unlink));
  }
}
