package lbchaos.proxy.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import lbchaos.proxy.config.StatsSocket;

/**
 * The edge of the runtime API: a UNIX stream socket at the configured path (a stale file there
 * is replaced, as haproxy does), its mode set, each connection served on a virtual thread. A
 * request is a line; outside interactive mode the connection closes after its answer, as
 * haproxy's; "prompt" keeps it open. A connection idle for {@link #IDLE} is closed (haproxy's
 * default "stats timeout"). The commands run against the configuration running when they
 * arrive, so a reload applies.
 */
public final class StatsSocketServer implements AutoCloseable {

  static final long IDLE = TimeUnit.SECONDS.toMillis(10);
  private static final int MAX_LINE = 16384;

  private final StatsSocket config;
  private final Supplier<RuntimeApi.Target> target;
  private final ServerSocketChannel server;
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  private StatsSocketServer(StatsSocket config, Supplier<RuntimeApi.Target> target,
      ServerSocketChannel server) {
    this.config = config;
    this.target = target;
    this.server = server;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stats-socket-idle");
      t.setDaemon(true);
      return t;
    });
  }

  /** Binds {@code config.path()} and starts accepting. */
  public static StatsSocketServer open(StatsSocket config, Supplier<RuntimeApi.Target> target)
      throws IOException {
    Path path = Path.of(config.path());
    Files.deleteIfExists(path);
    ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      ch.bind(UnixDomainSocketAddress.of(path));
      if (config.mode().isPresent()) {
        Files.setPosixFilePermissions(path, permissions(config.mode().get()));
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    StatsSocketServer s = new StatsSocketServer(config, target, ch);
    Thread.ofPlatform().daemon().name("stats-socket").start(s::acceptLoop);
    return s;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ};
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        p.add(bits[i]);
      }
    }
    return p;
  }

  public Path path() {
    return Path.of(config.path());
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel c = server.accept();
        Thread.ofVirtual().name("stats-socket-conn").start(() -> serve(c));
      } catch (IOException e) {
        if (!closed) {
          System.err.println("[WARNING] stats socket " + config.path() + ": " + e);
        }
        return;
      }
    }
  }

  private void serve(SocketChannel c) {
    try (c) {
      boolean interactive = false;
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(4096);
      while (true) {
        ScheduledFuture<?> idle = timer.schedule(() -> quietClose(c), IDLE, TimeUnit.MILLISECONDS);
        int n = c.read(buf.clear());
        idle.cancel(false);
        if (n < 0) {
          if (line.size() > 0) {
            // a last request without its newline (echo -n | socat): answered, as haproxy does
            String request = line.toString(StandardCharsets.UTF_8);
            c.write(ByteBuffer.wrap(new RuntimeApi(target.get(), config.level())
                .run(request, interactive).text().getBytes(StandardCharsets.UTF_8)));
          }
          return;
        }
        buf.flip();
        while (buf.hasRemaining()) {
          byte b = buf.get();
          if (b != '\n') {
            if (line.size() >= MAX_LINE) {
              return;
            }
            line.write(b);
            continue;
          }
          String request = line.toString(StandardCharsets.UTF_8).replace("\r", "");
          line.reset();
          RuntimeApi.Answer a = new RuntimeApi(target.get(), config.level())
              .run(request, interactive);
          c.write(ByteBuffer.wrap(a.text().getBytes(StandardCharsets.UTF_8)));
          if (a.quit() || !a.interactive()) {
            return;
          }
          interactive = true;
        }
      }
    } catch (IOException e) {
      // the client went away, or idle: nothing to answer
    }
  }

  private static void quietClose(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
      Files.deleteIfExists(path());
    } catch (IOException e) {
      // best effort: the file goes with the container
    }
    timer.shutdownNow();
  }
}
