package lbchaos.vrrp.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.NotifyRun;
import lbchaos.vrrp.config.NotifyScripts;
import lbchaos.vrrp.state.State;

/**
 * Runs an instance's notify scripts on a state change: notify_master/backup/fault as written,
 * and {@code notify} with keepalived's arguments "INSTANCE" name state priority; then writes the
 * notify FIFO's line (keepalived 2.2.7 send_instance_notifies: the same order).
 */
final class Notifier {

  private final String source;
  private final String instance;
  private final NotifyScripts scripts;
  private final Consumer<Event> sink;
  private final Clocked clock;
  private final Starter starter;
  private final Consumer<String> fifo;
  /** keepalived's first notify argument and FIFO word: INSTANCE, or GROUP for a sync group. */
  private final String type;

  /** Timestamp source for events. */
  interface Clocked {
    long nowMicros();
  }

  /** Starts a notify script without waiting for it. */
  @FunctionalInterface
  interface Starter {
    void start(List<String> argv) throws IOException;
  }

  Notifier(String source, String instance, NotifyScripts scripts, Consumer<Event> sink,
      Clocked clock) {
    this(source, instance, scripts, sink, clock, Scripts::startNotify);
  }

  Notifier(String source, String instance, NotifyScripts scripts, Consumer<Event> sink,
      Clocked clock, Starter starter) {
    this(source, instance, scripts, sink, clock, starter, line -> { });
  }

  /** {@code fifo} takes each notify FIFO line; it writes them in the order given. */
  Notifier(String source, String instance, NotifyScripts scripts, Consumer<Event> sink,
      Clocked clock, Starter starter, Consumer<String> fifo) {
    this(source, instance, scripts, sink, clock, starter, fifo, "INSTANCE");
  }

  /**
   * A vrrp_sync_group's notifier (keepalived 2.2.7 send_group_notifies): the same order, with
   * "GROUP", the group's name and priority 0 (notify_script_exec, notify_group_fifo).
   */
  static Notifier group(String source, String group, NotifyScripts scripts, Consumer<Event> sink,
      Clocked clock, Starter starter, Consumer<String> fifo) {
    return new Notifier(source, group, scripts, sink, clock, starter, fifo, "GROUP");
  }

  private Notifier(String source, String instance, NotifyScripts scripts, Consumer<Event> sink,
      Clocked clock, Starter starter, Consumer<String> fifo, String type) {
    this.type = type;
    this.fifo = fifo;
    this.starter = starter;
    this.source = source;
    this.instance = instance;
    this.scripts = scripts;
    this.sink = sink;
    this.clock = clock;
  }

  static String keepalivedName(State s) {
    return switch (s) {
      case MASTER -> "MASTER";
      case BACKUP -> "BACKUP";
      case FAULT -> "FAULT";
      case INITIALIZE -> "STOP";
    };
  }

  void changed(State to, int priority) {
    Optional<String> specific = switch (to) {
      case MASTER -> scripts.master();
      case BACKUP -> scripts.backup();
      case FAULT -> scripts.fault();
      case INITIALIZE -> Optional.empty();
    };
    specific.ifPresent(line -> run(to, line, Commands.split(line)));
    scripts.any().ifPresent(line -> {
      List<String> argv = new ArrayList<>(Commands.split(line));
      argv.addAll(List.of(type, instance, keepalivedName(to), String.valueOf(priority)));
      run(to, line, argv);
    });
    fifo.accept(FifoLines.line(type, instance, keepalivedName(to), priority));
  }

  /** As master, a lower priority advert was heard: a FIFO line only (its script is refused). */
  void heardLowerPriority(int priority) {
    fifo.accept(FifoLines.instance(instance, FifoLines.MASTER_RX_LOWER_PRI, priority));
  }

  private void run(State to, String line, List<String> argv) {
    if (argv.isEmpty()) {
      return;
    }
    sink.accept(new NotifyRun(clock.nowMicros(), source, instance, keepalivedName(to),
        String.join(" ", argv)));
    try {
      starter.start(argv);
    } catch (IOException e) {
      sink.accept(new LogLine(clock.nowMicros(), source,
          "(" + instance + ") cannot run notify script " + line + ": " + e.getMessage()));
    }
  }
}
