package lbchaos.vrrp.agent;

import java.util.function.Consumer;

/**
 * SIGHUP from the agent's first moment on. Left to the JVM it is a shutdown (exit 129), so a
 * reload signalled while the instances still start would take the node out; instead it is held
 * and run once the {@link Reloader} has the running instances.
 */
final class Sighup {

  private Reloader target;
  private boolean pending;

  Sighup() {}

  /** Takes SIGHUP over; {@code log} hears when the JVM does not let it. */
  static Sighup install(Consumer<String> log) {
    Sighup s = new Sighup();
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> s.fired());
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      log.accept("SIGHUP not available (" + e + "): no reload");
    }
    return s;
  }

  /** On the JVM's signal thread: reload now, or once started. */
  void fired() {
    Reloader r;
    synchronized (this) {
      r = target;
      pending = r == null;
    }
    if (r != null) {
      r.reload("SIGHUP");
    }
  }

  /** The instances run: a SIGHUP held until now is applied (the file may have changed). */
  void started(Reloader r) {
    boolean held;
    synchronized (this) {
      target = r;
      held = pending;
      pending = false;
    }
    if (held) {
      r.reload("SIGHUP during start-up");
    }
  }
}
