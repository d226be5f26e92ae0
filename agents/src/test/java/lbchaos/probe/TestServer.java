package lbchaos.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Loopback servers that answer like the article's webservers, or fail in one chosen way. */
final class TestServer implements AutoCloseable {

  enum Behaviour { ARTICLE, SILENT, RESET, HTTP_503, CLOSE_EMPTY, LINE, APP }

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();

  TestServer(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  Target target() {
    return new Target("127.0.0.1", server.getLocalPort());
  }

  /** A port on loopback that nothing listens on: bound, noted, closed. */
  static Target closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new Target("127.0.0.1", s.getLocalPort());
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        accepted.incrementAndGet();
        Thread.ofVirtual().start(() -> handle(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket s) {
    try {
      switch (behaviour) {
        case SILENT -> held.add(s); // accepted, never answered, closed at the end of the test
        case RESET -> {
          s.setSoLinger(true, 0); // close() now sends RST instead of FIN
          s.close();
        }
        case CLOSE_EMPTY -> {
          readRequest(s.getInputStream());
          s.close();
        }
        case HTTP_503 -> answer(s, "HTTP/1.0 503 Service Unavailable",
            "<html><body><h1>503 Service Unavailable</h1></body></html>\n");
        case ARTICLE -> {
          int n = answered.incrementAndGet();
          answer(s, "HTTP/1.1 200 OK",
              "<h1>This is coming from backend webserver-" + (1 + (n + 1) % 2) + "</h1>\n");
        }
        case APP -> answer(s, "HTTP/1.1 200 OK", "<html><body>Welcome to our shop</body></html>\n");
        case LINE -> {
          try (s) {
            readRequest(s.getInputStream());
            s.getOutputStream().write("webserver-7 says hello\n".getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    } catch (IOException e) {
      // the client went away: nothing to do
    }
  }

  private static void answer(Socket s, String status, String body) throws IOException {
    try (s) {
      readRequest(s.getInputStream());
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = s.getOutputStream();
      out.write((status + "\r\nContent-Type: text/html\r\nContent-Length: " + b.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(b);
      out.flush();
    }
  }

  /** Reads up to the end of the request head (or the first line, for plain TCP). */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      sb.append((char) c);
      if (sb.toString().endsWith("\r\n\r\n") || (!sb.toString().startsWith("GET") && c == '\n')) {
        return;
      }
    }
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getLocalPort());
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : held) {
      s.close();
    }
  }
}
