package lbchaos.vrrp.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import lbchaos.event.Event;
import lbchaos.event.EventWriter;

/**
 * The VRRP agent's event sink until its instances have started: events are kept, in order, and
 * the {@link EventWriter} (whose thread pays Jackson's set-up, a few hundred ms of CPU in a
 * C1-only JVM) is only made once {@link #open} is called, after the first advert. Until then the
 * writer's thread would compete for the node's CPU with the thread that sends that advert. Each
 * event keeps the time stamp its caller took, so holding it changes when a line is written,
 * never what it says.
 */
final class DeferredEvents implements Consumer<Event>, AutoCloseable {

  private final Supplier<EventWriter> writer;
  private List<Event> held = new ArrayList<>();
  private EventWriter open;
  private boolean closed;

  DeferredEvents(Supplier<EventWriter> writer) {
    this.writer = writer;
  }

  @Override
  public synchronized void accept(Event e) {
    if (open != null) {
      open.accept(e);
    } else if (!closed) {
      held.add(e);
    }
  }

  /** Makes the writer (once) and hands it what was held, in order; later events go straight on. */
  synchronized void open() {
    if (open != null || closed) {
      return;
    }
    open = writer.get();
    held.forEach(open::accept);
    held = List.of();
  }

  /** Opens if not yet (what was held is still written), then closes the writer, draining it. */
  @Override
  public synchronized void close() {
    open();
    closed = true;
    open.close();
  }
}
