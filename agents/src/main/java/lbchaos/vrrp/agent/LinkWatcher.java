package lbchaos.vrrp.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import lbchaos.vrrp.net.LinkSocket;
import lbchaos.vrrp.net.RtNetlink.Link;

/**
 * The links of the node's network namespace, kept from rtnetlink: the state of every link at
 * start (an RTM_GETLINK dump), then each RTM_NEWLINK/RTM_DELLINK the kernel sends, on a thread
 * of its own, told to the track monitors that asked for those links. A link is known by its name
 * (what the config tracks), held per interface index so that a rename or a deletion leaves the
 * old name without a link (down). The bookkeeping ({@link #apply}) is pure; the socket is the
 * edge.
 */
final class LinkWatcher implements Links, AutoCloseable {

  private record Subscription(Set<String> names, Listener listener) {}

  private final Map<Integer, Link> byIndex = new HashMap<>();
  private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
  private final LinkSocket socket;
  private final Consumer<String> log;
  private volatile boolean alive = true;
  private Thread thread;

  /** Without a socket: fed by {@link #apply} (tests). */
  LinkWatcher(List<Link> initial, Consumer<String> log) {
    this(null, initial, log);
  }

  private LinkWatcher(LinkSocket socket, List<Link> initial, Consumer<String> log) {
    this.socket = socket;
    this.log = log;
    initial.forEach(l -> byIndex.put(l.index(), l));
  }

  /** Opens the socket (no capability needed) and reads every link's state now. */
  static LinkWatcher open(Duration receiveTimeout, Consumer<String> log) throws IOException {
    LinkSocket s = new LinkSocket(receiveTimeout);
    try {
      return new LinkWatcher(s, s.dump(), log);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Starts reading the kernel's link events. */
  synchronized void start() {
    if (socket == null || thread != null) {
      return;
    }
    thread = Thread.ofPlatform().daemon().name("vrrp-links").start(this::loop);
  }

  private void loop() {
    while (alive) {
      try {
        apply(socket.receive());
      } catch (IOException | RuntimeException e) {
        if (!alive) {
          return;
        }
        // Not expected on a netlink socket; say so, and go on reading (a lost event would have
        // come as ENOBUFS, which the socket answers with a new dump).
        log.accept("link events: receive failed: " + e);
      }
    }
  }

  @Override
  public synchronized Map<String, Boolean> subscribe(Set<String> names, Listener l) {
    subscribers.add(new Subscription(Set.copyOf(names), l));
    Map<String, Boolean> now = new HashMap<>();
    for (String n : names) {
      state(n).ifPresent(up -> now.put(n, up));
    }
    return now;
  }

  @Override
  public void unsubscribe(Listener l) {
    subscribers.removeIf(s -> s.listener() == l);
  }

  /**
   * Takes the kernel's messages, in order, and tells each subscriber of every name whose state
   * changed (a link going, or a name moving to another index, counts for the old name too).
   * Subscribers are told outside this object's lock, so that a monitor may hold its own lock
   * while it subscribes; one told of a change its snapshot already had sees no change.
   */
  void apply(List<Link> links) {
    List<Map.Entry<String, Boolean>> changes = new ArrayList<>();
    synchronized (this) {
      for (Link l : links) {
        Set<String> names = new HashSet<>();
        names.add(l.name());
        Link before = byIndex.get(l.index());
        if (before != null) {
          names.add(before.name());
        }
        Map<String, Boolean> was = new HashMap<>();
        names.forEach(n -> was.put(n, state(n).orElse(false)));
        if (l.deleted()) {
          byIndex.remove(l.index());
        } else {
          byIndex.put(l.index(), l);
        }
        for (String n : names) {
          boolean now = state(n).orElse(false);
          if (now != was.get(n)) {
            changes.add(Map.entry(n, now));
          }
        }
      }
    }
    for (Map.Entry<String, Boolean> c : changes) {
      for (Subscription s : subscribers) {
        if (s.names().contains(c.getKey())) {
          s.listener().linkChanged(c.getKey(), c.getValue());
        }
      }
    }
  }

  /** Up when any link of that name is up; empty when no link has it. */
  private Optional<Boolean> state(String name) {
    boolean seen = false;
    for (Link l : byIndex.values()) {
      if (l.name().equals(name)) {
        if (l.up()) {
          return Optional.of(true);
        }
        seen = true;
      }
    }
    return seen ? Optional.of(false) : Optional.empty();
  }

  @Override
  public void close() {
    alive = false;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(1).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (socket != null && (t == null || !t.isAlive())) {
      socket.close(); // only once the reader no longer touches its buffer
    }
  }
}
