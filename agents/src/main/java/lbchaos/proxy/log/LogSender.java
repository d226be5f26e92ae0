package lbchaos.proxy.log;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends access log lines to their {@link LogTarget}s as haproxy does: one datagram per line to a
 * unix socket or over UDP, from the thread that logs, never blocking (a datagram that finds the
 * socket's buffer full, or no one listening, is dropped and counted, as haproxy's
 * "dropped logs"); stdout and stderr through the agent's writer thread, so that a slow reader of
 * the container log never stalls a request.
 */
public final class LogSender implements AutoCloseable {

  private final List<LogTarget> targets;
  private final Consumer<String> stdout;
  private final Consumer<String> stderr;
  private final String tag;
  private final long pid;
  private final String hostname;
  private DatagramChannel udp;
  private Socket unix;
  private final AtomicLong dropped = new AtomicLong();

  /**
   * @param stdout writes one line to the process's stdout (in order with its events)
   * @param stderr likewise for stderr
   */
  public LogSender(List<LogTarget> targets, Consumer<String> stdout, Consumer<String> stderr) {
    this.targets = List.copyOf(targets);
    this.stdout = stdout;
    this.stderr = stderr;
    this.tag = "haproxy";
    this.pid = ProcessHandle.current().pid();
    String h;
    try {
      h = java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      h = "-";
    }
    this.hostname = h;
  }

  /** Lines dropped because a datagram could not be sent at once. */
  public long dropped() {
    return dropped.get();
  }

  /** Sends one traffic line (severity info) to every target that takes it. */
  public void send(String message, long atMicros) {
    for (LogTarget t : targets) {
      if (!t.takes(LogTarget.INFO)) {
        continue;
      }
      String line = t.frame(message, atMicros, tag, pid, hostname);
      switch (t.kind()) {
        case STDOUT -> stdout.accept(line);
        case STDERR -> stderr.accept(line);
        case UDP -> datagram(() -> udp().send(bytes(line),
            new InetSocketAddress(t.address(), t.port())));
        case UNIX -> datagram(() -> {
          ByteBuffer b = direct(line);
          return unix().sendToDomainSocket(b, 0, b.limit(),
              t.address().getBytes(StandardCharsets.UTF_8));
        });
      }
    }
  }

  private interface Send {
    int send() throws IOException;
  }

  private void datagram(Send s) {
    try {
      if (s.send() <= 0) {
        dropped.incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      dropped.incrementAndGet(); // no listener (ECONNREFUSED, ENOENT), full buffer: dropped
    }
  }

  private synchronized DatagramChannel udp() throws IOException {
    if (udp == null) {
      udp = DatagramChannel.open();
      udp.configureBlocking(false);
    }
    return udp;
  }

  /** The native unix datagram socket (Netty's; the JDK has no unix datagram channel). */
  private synchronized Socket unix() throws IOException {
    if (unix == null) {
      Epoll.ensureAvailability(); // loads the native library the socket calls live in
      unix = Socket.newSocketDomainDgram();
      // Netty opens it non-blocking (SOCK_NONBLOCK): a full buffer fails at once
    }
    return unix;
  }

  private static ByteBuffer bytes(String line) {
    return ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
  }

  private static ByteBuffer direct(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    ByteBuffer d = ByteBuffer.allocateDirect(b.length);
    d.put(b).flip();
    return d;
  }

  /** Whether this sender has any target that takes traffic lines. */
  public boolean active() {
    return targets.stream().anyMatch(t -> t.takes(LogTarget.INFO));
  }

  @Override
  public synchronized void close() {
    List<AutoCloseable> open = new ArrayList<>();
    if (udp != null) {
      open.add(udp);
    }
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        // closing a datagram socket loses nothing
      }
    }
    if (unix != null) {
      try {
        unix.close();
      } catch (IOException e) {
        // likewise
      }
    }
  }
}
