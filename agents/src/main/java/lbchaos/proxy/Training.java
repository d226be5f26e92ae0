package lbchaos.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import lbchaos.config.ConfigException;
import lbchaos.privilege.Accounts;
import lbchaos.proxy.config.Bind;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.proxy.net.ProxyServer;
import lbchaos.proxy.net.Transport;

/**
 * {@code proxy --train}: the proxy's start-up and request paths on loopback, so that the node
 * image's build can record the classes they load into an AOT cache of the proxy's own
 * ({@code -XX:AOTCacheOutput}, as {@code vrrp --train} does for the VRRP agent). Mapped from it,
 * the proxy's classes (Netty's above all, which the VRRP agent's cache does not hold) need no
 * loading, verifying or metaspace of their own: less start-up CPU and less memory per process.
 *
 * <p>It starts two canned-answer webservers on 127.0.0.1, parses a haproxy.cfg of the bench's
 * form with a mode tcp and a mode http frontend on 127.0.0.1 (health checks, a stats socket in
 * a temporary directory), sends a few hundred requests through each (kept alive, and a
 * connection per request), stops the proxy as SIGTERM does and exits. Nothing leaves the
 * loopback interface: {@link #notLoopback} refuses any other address before the proxy starts.
 */
final class Training {

  /** Requests per frontend and kind (kept alive, a connection each), per round. */
  static final int REQUESTS = 60;
  static final int ROUNDS = 3;

  private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
      + "Content-Length: 6\r\n\r\ntrain\n").getBytes(StandardCharsets.US_ASCII);

  private Training() {}

  /**
   * The haproxy.cfg the training runs: the bench's form, every address on loopback, the
   * frontends on {@code tcp} and {@code http}, the servers on {@code web1} and {@code web2}.
   */
  static String config(int tcp, int http, int web1, int web2, Path statsSocket) {
    String servers = """
          balance roundrobin
          server web1 127.0.0.1:%d check inter 200ms
          server web2 127.0.0.1:%d check inter 200ms
        """.formatted(web1, web2);
    return """
        global
          maxconn 4096
          stats socket %s mode 660 level admin

        defaults
          timeout connect 10s
          timeout client 30s
          timeout server 30s

        frontend tcp
          bind 127.0.0.1:%d
          mode tcp
          option tcplog
          default_backend web_tcp

        frontend http
          bind 127.0.0.1:%d
          mode http
          option httplog
          option forwardfor
          default_backend web_http

        backend web_tcp
          mode tcp
        %s
        backend web_http
          mode http
        %s""".formatted(statsSocket, tcp, http, servers, servers);
  }

  /**
   * Every bind and server of {@code cfg} whose host is not a loopback address literal (a name
   * would be looked up, and a wildcard bind listens on every interface).
   */
  static List<String> notLoopback(HaproxyConfig cfg) {
    Stream<String> binds = cfg.frontends().stream().flatMap(f -> f.binds().stream())
        .filter(b -> b.wildcard() || !loopback(b.host())).map(Bind::toString);
    Stream<String> servers = cfg.backends().stream().flatMap(b -> b.servers().stream())
        .filter(s -> !loopback(s.host())).map(s -> s.host() + ":" + s.port());
    return Stream.concat(binds, servers).toList();
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.ofLiteral(host).isLoopbackAddress();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static int run(PrintStream err) throws Exception {
    Path dir = Files.createTempDirectory("lbchaos-proxy-train");
    try (Webserver web1 = Webserver.start(); Webserver web2 = Webserver.start()) {
      return train(config(freePort(), freePort(), web1.port(), web2.port(),
          dir.resolve("admin.sock")), err);
    } finally {
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** A port free on 127.0.0.1 now (haproxy.cfg takes no port 0). */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  static int train(String text, PrintStream err) throws Exception {
    HaproxyConfig cfg;
    try {
      cfg = HaproxyConfigParser.parse(Path.of("train.cfg"), text, Accounts.SYSTEM);
    } catch (ConfigException e) {
      err.println("proxy --train: " + e.problems());
      return 1;
    }
    List<String> outside = notLoopback(cfg);
    if (!outside.isEmpty()) {
      err.println("proxy --train: refusing addresses off loopback " + outside);
      return 1;
    }
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    // the transport and event loops lbchaos-java's proxy gets: auto, one per processor
    ProxyServer server = new ProxyServer(Transport.best(),
        Math.max(1, Runtime.getRuntime().availableProcessors()), "train", nowhere);
    try {
      server.start(cfg);
      List<InetSocketAddress> fronts = cfg.frontends().stream()
          .map(f -> f.binds().getFirst().socketAddress()).toList();
      int failed = 0;
      for (int round = 0; round < ROUNDS; round++) {
        for (InetSocketAddress at : fronts) {
          failed += keptAlive(at, REQUESTS) + connectionEach(at, REQUESTS);
        }
      }
      server.statsCsv();
      ProxyServer.Stopped s = server.stop(Duration.ofSeconds(5));
      if (failed > 0 || !s.drained()) {
        err.println("proxy --train: " + failed + " requests failed, drained " + s.drained());
        return 1;
      }
      return 0;
    } finally {
      server.close();
    }
  }

  /** {@code n} requests on one connection; the number that got no 200 answer. */
  private static int keptAlive(InetSocketAddress at, int n) throws IOException {
    int failed = 0;
    try (Socket s = new Socket(at.getAddress(), at.getPort())) {
      s.setSoTimeout(5000);
      for (int i = 0; i < n; i++) {
        s.getOutputStream().write(request(false));
        failed += answered(s.getInputStream()) ? 0 : 1;
      }
    }
    return failed;
  }

  /** {@code n} requests with a connection each, closed by the answer. */
  private static int connectionEach(InetSocketAddress at, int n) throws IOException {
    int failed = 0;
    for (int i = 0; i < n; i++) {
      try (Socket s = new Socket(at.getAddress(), at.getPort())) {
        s.setSoTimeout(5000);
        s.getOutputStream().write(request(true));
        failed += answered(s.getInputStream()) ? 0 : 1;
      }
    }
    return failed;
  }

  private static byte[] request(boolean close) {
    return ("GET /train HTTP/1.1\r\nHost: train\r\n" + (close ? "Connection: close\r\n" : "")
        + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads one answer of the canned form (head, then a 6-byte body); whether it was a 200. */
  private static boolean answered(InputStream in) throws IOException {
    String head = head(in);
    if (head == null) {
      return false;
    }
    return in.readNBytes(6).length == 6 && head.startsWith("HTTP/1.1 200");
  }

  /** The bytes up to the blank line after the headers, or null at end of stream. */
  private static String head(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      b.append((char) c);
      if (b.length() >= 4 && b.lastIndexOf("\r\n\r\n") == b.length() - 4) {
        return b.toString();
      }
    }
    return null;
  }

  /** A webserver on 127.0.0.1 that answers every request with {@link #ANSWER}. */
  private record Webserver(ServerSocket socket, Thread acceptor) implements AutoCloseable {

    static Webserver start() throws IOException {
      ServerSocket ss = new ServerSocket(0, 128, InetAddress.getByName("127.0.0.1"));
      Thread t = Thread.ofVirtual().name("train-web").start(() -> {
        while (!ss.isClosed()) {
          try {
            Socket c = ss.accept();
            Thread.ofVirtual().start(() -> serve(c));
          } catch (IOException e) {
            return; // closed
          }
        }
      });
      return new Webserver(ss, t);
    }

    int port() {
      return socket.getLocalPort();
    }

    /** Answers each request head; a health check's bare connect ends at once. */
    private static void serve(Socket c) {
      try (c) {
        InputStream in = c.getInputStream();
        String head;
        while ((head = head(in)) != null) {
          c.getOutputStream().write(ANSWER);
          if (head.toLowerCase(java.util.Locale.ROOT).contains("connection: close")) {
            return;
          }
        }
      } catch (IOException e) {
        // the proxy reset it (a connect-only check): nothing to answer
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
