package lbchaos.proxy.net;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child process for {@link ProxyRobustnessLoopbackTest}: opens N connections to 127.0.0.1:PORT
 * and holds them all, prints "open N", then on "go" from stdin half-closes each and reads each
 * answer to EOF, prints "answered K" and exits. In its own process because the descriptor limit
 * (RLIMIT_NOFILE) is per process: N client sockets plus the proxy's 2 per session would not fit
 * in one.
 */
public final class ConnectionStorm {

  private ConnectionStorm() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    List<SocketChannel> open = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      open.add(SocketChannel.open(to));
    }
    System.out.println("open " + open.size());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (!"go".equals(in.readLine())) {
      return;
    }
    AtomicInteger answered = new AtomicInteger();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (SocketChannel c : open) {
        pool.submit(() -> {
          try (c) {
            c.shutdownOutput();
            ByteBuffer b = ByteBuffer.allocate(64);
            int total = 0;
            int r;
            while ((r = c.read(b)) >= 0) {
              total += r;
              b.clear();
            }
            if (total > 0) {
              answered.incrementAndGet();
            }
          }
          return null;
        });
      }
    }
    System.out.println("answered " + answered.get());
  }
}
