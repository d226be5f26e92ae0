package lbchaos.proxy.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import lbchaos.config.ConfigException;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;

/** Tiny loopback backends for the proxy tests. */
public final class Backends {

  private Backends() {}

  /**
   * The haproxy.cfg the loopback tests share: short timeouts (connect 200 ms, client and server
   * 5 s), frontend "fe" on 127.0.0.1:port, backend "be" with roundrobin; each test adds its
   * global lines, backend lines and servers.
   */
  static Cfg cfg(int port) {
    return new Cfg(port);
  }

  static final class Cfg {
    private final int port;
    private String mode = "tcp";
    private final StringBuilder global = new StringBuilder();
    private final StringBuilder defaults = new StringBuilder();
    private final StringBuilder backend = new StringBuilder();
    private final StringBuilder frontend = new StringBuilder();
    private final StringBuilder sections = new StringBuilder();

    private Cfg(int port) {
      this.port = port;
    }

    Cfg mode(String m) {
      this.mode = m;
      return this;
    }

    /** A line of the global section ("hard-stop-after 300ms"). */
    Cfg global(String line) {
      global.append("  ").append(line.strip()).append('\n');
      return this;
    }

    /** Lines added to the defaults section; a later "timeout x" overrides the shared one. */
    Cfg defaults(String lines) {
      for (String l : lines.split("\n")) {
        if (!l.isBlank()) {
          defaults.append("  ").append(l.strip()).append('\n');
        }
      }
      return this;
    }

    /** Lines of the frontend section (acl, http-request, use_backend ...), one per line. */
    Cfg frontend(String lines) {
      for (String l : lines.split("\n")) {
        if (!l.isBlank()) {
          frontend.append("  ").append(l.strip()).append('\n');
        }
      }
      return this;
    }

    /** Lines of the backend section ("retries 2\n option redispatch"), one per line. */
    Cfg backend(String lines) {
      for (String l : lines.split("\n")) {
        if (!l.isBlank()) {
          backend.append("  ").append(l.strip()).append('\n');
        }
      }
      return this;
    }

    Cfg server(String name, int serverPort, String options) {
      backend.append("  server ").append(name).append(" 127.0.0.1:").append(serverPort)
          .append(options.isBlank() ? "" : " " + options.strip()).append('\n');
      return this;
    }

    Cfg servers(String options, NameServer... servers) {
      for (NameServer s : servers) {
        server(s.name, s.port(), options);
      }
      return this;
    }

    /** A further section after the backend, as written ("listen stats\n  bind ..."). */
    Cfg section(String text) {
      sections.append(text.strip()).append('\n');
      return this;
    }

    String text() {
      return (global.isEmpty() ? "" : "global\n" + global) + """
          defaults
            mode %s
            timeout connect 200ms
            timeout client 5s
            timeout server 5s
          """.formatted(mode) + defaults + """
          frontend fe
            bind 127.0.0.1:%d
            default_backend be
          """.formatted(port) + frontend + """
          backend be
            balance roundrobin
          """ + backend + sections;
    }

    HaproxyConfig parse() throws ConfigException {
      return HaproxyConfigParser.parse(Path.of("test.cfg"), text());
    }
  }

  /**
   * A started HTTP/1.1 webserver on loopback (the JDK's, keep-alive by default) answering 200 with
   * the body {@code body} gives for each request.
   */
  public static com.sun.net.httpserver.HttpServer web(
      java.util.function.Function<com.sun.net.httpserver.HttpExchange, String> body)
      throws IOException {
    return web(200, body);
  }

  /** As above, answering {@code status}. */
  static com.sun.net.httpserver.HttpServer web(int status,
      java.util.function.Function<com.sun.net.httpserver.HttpExchange, String> body)
      throws IOException {
    return web(status, null, body);
  }

  /**
   * As above, each exchange run by {@code executor} (null: the server's own thread, one
   * exchange at a time).
   */
  static com.sun.net.httpserver.HttpServer web(int status, java.util.concurrent.Executor executor,
      java.util.function.Function<com.sun.net.httpserver.HttpExchange, String> body)
      throws IOException {
    var s = com.sun.net.httpserver.HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    s.setExecutor(executor);
    s.createContext("/", ex -> {
      byte[] b = body.apply(ex).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    s.start();
    return s;
  }

  /** A message's head read from {@code in}, its lines in lower case, each ended by "\n". */
  static String lowerHead(java.io.BufferedReader in) throws IOException {
    StringBuilder head = new StringBuilder();
    for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
      head.append(line.toLowerCase(Locale.ROOT)).append('\n');
    }
    return head.toString();
  }

  /** The Content-Length a head gives (any case), 0 when it gives none. */
  static int contentLength(String head) {
    return head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
        .mapToInt(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(0);
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Per connection: writes its name, then (half-close aware) reads until the client's FIN and
   * answers with the upper-cased bytes read, then closes.
   */
  static final class NameServer implements AutoCloseable {
    final String name;
    final ServerSocket socket;
    final AtomicInteger accepted = new AtomicInteger();

    NameServer(String name, int port) throws IOException {
      this.name = name;
      this.socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
      return socket.getLocalPort();
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          accepted.incrementAndGet();
          Thread.ofVirtual().start(() -> serve(s));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        OutputStream out = s.getOutputStream();
        out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] all = in.readAllBytes();
        out.write(new String(all, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT)
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        // client went away: fine for these tests
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * Holds every connection it accepts, without a byte, until {@link #release}; then (and at
   * once for connections accepted afterwards) writes its name and closes. Counts the
   * connections it holds at once and the most it ever held.
   */
  static final class HoldingServer implements AutoCloseable {
    final String name;
    final ServerSocket socket;
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger current = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch released =
        new java.util.concurrent.CountDownLatch(1);

    HoldingServer(String name) throws IOException {
      this.name = name;
      this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
      return socket.getLocalPort();
    }

    void release() {
      released.countDown();
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          accepted.incrementAndGet();
          max.accumulateAndGet(current.incrementAndGet(), Math::max);
          Thread.ofVirtual().start(() -> serve(s));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try {
        released.await();
        s.getOutputStream().write((name + "\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      } catch (IOException | InterruptedException e) {
        // client went away or the test ended: fine for these tests
      } finally {
        // Before the close, which is what frees the proxy's slot for the next connection: a
        // count taken after it could overlap that one and read one too many.
        current.decrementAndGet();
        try {
          s.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }

    @Override
    public void close() throws IOException {
      release();
      socket.close();
    }
  }

  /** Connects, sends nothing, and returns everything the server sent until its FIN. */
  static String read(int port, java.time.Duration timeout) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout((int) timeout.toMillis());
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** Connects, half-closes at once, and returns everything the server sent. */
  static String fetch(int port) throws IOException {
    return exchange(port, "");
  }

  /** Sends {@code data}, shuts the output (FIN), reads to EOF. */
  static String exchange(int port, String data) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(data.getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
