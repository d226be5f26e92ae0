package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the proxy in mode http reads and passes on, as haproxy 2.6's h1 mux (checked side by side
 * in the node image with apache behind both). Framing: an answer without a body (to a HEAD, a
 * 304, a 204) keeps the length the server gave it, or none; a request without a body goes on
 * without a length; a request or an answer goes on as it comes, chunks and trailers as chunks
 * (a length given with chunks dropped); the proxy's own
 * answers carry their body's length, a HEAD's too. Parsing: a request line up to haproxy's
 * buffer, bare LFs, chunks and a length together; HTTP/2's preface refused, once.
 */
class HttpWireLoopbackTest {

  /** The server's raw answers, by the request's path; each closes its connection. */
  static final Map<String, String> ANSWERS = Map.ofEntries(
      Map.entry("/file",
          "HTTP/1.1 200 OK\r\nContent-Length: 10701\r\nConnection: close\r\n\r\n"),
      Map.entry("/cond",
          "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nConnection: close\r\n\r\n"),
      Map.entry("/none", "HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n"),
      Map.entry("/chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
          + "Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
      Map.entry("/plain",
          "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"),
      Map.entry("/case", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Served-By: Web-1\r\n"
          + "Connection: close\r\n\r\nok"),
      Map.entry("/trailer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\n0\r\nX-Sum: 42\r\n\r\n"),
      Map.entry("/nochunks", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
      Map.entry("/eof", "HTTP/1.1 200 OK\r\n\r\nuntil-close"),
      Map.entry("/cut", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"),
      Map.entry("/badchunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\nzz\r\n"),
      Map.entry("/garbage", "hello world\r\n\r\n"),
      Map.entry("/empty", ""),
      Map.entry("/gzip", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
          + "2\r\nok\r\n0\r\n\r\n"),
      Map.entry("/continue", "HTTP/1.1 100 Continue\r\n\r\n"
          + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
      Map.entry("/v2", "HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok"));

  ServerSocket server;
  ProxyServer proxy;
  int port;
  /** The head of each request the server got, lower-cased. */
  final List<String> heads = new CopyOnWriteArrayList<>();
  /** The same, as it came. */
  final List<String> rawHeads = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::serve);
    port = Backends.freePort();
    proxy = new ProxyServer(Transport.best(), 1, "lb-framing",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    // "timeout server" 1 s: an answer that never comes is haproxy's 504 within the test's 5 s
    proxy.start(Backends.cfg(port).mode("http").defaults("timeout server 1s")
        .frontend("use_backend none if { path /noserver }\n"
            + "http-request return status 200 content-type text/plain string pong"
            + " if { path /ping }\nhttp-request return status 204 if METH_OPTIONS\n"
            + "http-request deny deny_status 429 content-type text/plain lf-string \"wait"
            + " %[path]\" hdr retry-after 10 if { path_beg /limited }\n"
            + "http-request set-header X-Was %[url] if { path_beg /old/ }\n"
            + "http-request replace-path /old/(.*) /\\1")
        .server("web", server.getLocalPort(), "")
        .section("backend none\n  server down 127.0.0.1:" + Backends.freePort()).parse());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(5000);
        var in = new BufferedReader(new InputStreamReader(s.getInputStream(),
            StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
          head.append(line.toLowerCase(java.util.Locale.ROOT)).append('\n');
          raw.append(line).append('\n');
        }
        rawHeads.add(raw.toString());
        int length = Backends.contentLength(head.toString());
        heads.add(head + (head.indexOf("transfer-encoding: chunked\n") >= 0 ? readChunks(in)
            : readBody(in, length)));
        String path = head.toString().split(" ", 3)[1];
        if (path.equals("/hang")) {
          Thread.sleep(3000); // past the proxy's "timeout server"
        }
        s.getOutputStream().write(ANSWERS.getOrDefault(path, ANSWERS.get("/plain"))
            .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
      } catch (IOException | InterruptedException e) {
        // a closed server socket ends the loop; a client gone ends its connection
      }
    }
  }

  /** A chunked body's lines, each ended by "\n", up to its last chunk and the empty line. */
  private static String readChunks(BufferedReader in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String line; (line = in.readLine()) != null; ) {
      b.append(line).append('\n');
      if (line.equals("0")) {
        b.append(in.readLine()).append('\n');
        break;
      }
    }
    return b.toString();
  }

  private static String readBody(BufferedReader in, int length) throws IOException {
    char[] body = new char[length];
    int n = 0;
    for (int r; n < length && (r = in.read(body, n, length - n)) > 0; ) {
      n += r;
    }
    return new String(body, 0, n);
  }

  /**
   * Header names go on in lower case both ways, whatever case they came in, as haproxy's h1 mux
   * writes them (2.6.12 side by side: apache's "Content-Type" reaches the client as
   * "content-type", a trailer's "X-Sum" as "x-sum"); values keep theirs. The proxy's own answers
   * too.
   */
  @Test
  void headerNamesGoOnInLowerCaseTheirValuesAsTheyCame() throws Exception {
    String answer = Backends.exchange(port, "GET /case HTTP/1.1\r\nHost: x\r\nX-Trace-Id: AbC\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n")
        .contains("\r\ncontent-length: 2\r\n", "\r\nx-served-by: Web-1\r\n")
        .doesNotContain("Content-Length", "X-Served-By");
    assertThat(rawHeads).singleElement().asString().startsWith("GET /case HTTP/1.1\n")
        .contains("\nhost: x\n", "\nx-trace-id: AbC\n").doesNotContain("Host", "X-Trace-Id");
    assertThat(Backends.exchange(port, "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + "\r\n")).contains("\r\ncontent-type: text/plain\r\n", "\r\ncontent-length: 4\r\n");
  }

  /** What the proxy answers to {@code method path}, the client's connection closing after it. */
  String ask(String method, String path) throws IOException {
    return Backends.exchange(port, method + " " + path + " HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n").toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void aHeadAnswerKeepsTheLengthOfTheResource() throws Exception {
    assertThat(ask("HEAD", "/file")).startsWith("http/1.1 200")
        .contains("content-length: 10701\r\n").endsWith("\r\n\r\n");
  }

  @Test
  void anAnswerWithoutABodyKeepsHavingNoLength() throws Exception {
    assertThat(ask("GET", "/cond")).startsWith("http/1.1 304").doesNotContain("content-length");
    assertThat(ask("HEAD", "/none")).startsWith("http/1.1 404").doesNotContain("content-length");
  }

  @Test
  void aChunkedAnswerGoesOnInChunksWithItsTrailers() throws Exception {
    assertThat(ask("GET", "/chunked")).startsWith("http/1.1 200")
        .contains("transfer-encoding: chunked\r\n").doesNotContain("content-length")
        .endsWith("\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertThat(raw("GET", "/trailer")).endsWith("5\r\nhello\r\n0\r\nx-sum: 42\r\n\r\n");
    assertThat(raw("GET", "/nochunks")).as("no chunk but the last").startsWith("HTTP/1.1 200 OK")
        .endsWith("\r\n\r\n0\r\n\r\n");
  }

  /**
   * As haproxy (side by side): a body that runs to the server's close goes on to the client's
   * with "connection: close", whatever the client asked; one the server's FIN cuts short goes on
   * as far as it came, then the client's connection closes; a chunk that does not parse where
   * the answer's head came is haproxy's 502.
   */
  @Test
  void aBodyThatEndsWithTheServersConnectionEndsTheClientsToo() throws Exception {
    assertThat(keptAlive("/eof")).isEqualTo("HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n"
        + "until-close");
    assertThat(keptAlive("/cut")).startsWith("HTTP/1.1 200 OK\r\n")
        .contains("content-length: 100\r\n").endsWith("\r\n\r\npartial");
    assertThat(raw("GET", "/badchunk")).isEqualTo(BAD_GATEWAY);
  }

  /** What a client that asks to keep its connection gets until the proxy closes it. */
  String keptAlive(String path) throws IOException {
    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
      c.setSoTimeout(5000); // a connection kept open fails the read with a timeout
      c.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(c.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void aRequestWithoutABodyGoesOnWithoutALength() throws Exception {
    assertThat(ask("GET", "/plain")).startsWith("http/1.1 200").endsWith("ok");
    assertThat(heads).singleElement().asString().startsWith("get /plain http/1.1\n")
        .doesNotContain("content-length").doesNotContain("transfer-encoding");
  }

  @Test
  void theProxysOwnAnswersCarryTheirLength() throws Exception {
    assertThat(ask("GET", "/ping")).contains("content-length: 4\r\n").endsWith("pong");
    assertThat(ask("HEAD", "/ping")).contains("content-length: 4\r\n").endsWith("\r\n\r\n");
    assertThat(ask("OPTIONS", "/")).startsWith("http/1.1 204").doesNotContain("content-length");
    assertThat(Backends.exchange(port, "GET /limited HTTP/1.1\r\nHost: x\r\nConnection: close"
        + "\r\n\r\n")).as("a reply's head in haproxy's order").startsWith("HTTP/1.1 429 Too Many"
        + " Requests\r\nretry-after: 10\r\ncontent-length: 13\r\ncontent-type: text/plain\r\n")
        .endsWith("\r\n\r\nwait /limited");
    assertThat(heads).as("none reached the server").isEmpty();
  }

  @Test
  void aRequestLineAsLongAsHaproxysBufferTakesGoesOn() throws Exception {
    String path = "/plain?" + "a".repeat(7000); // Netty's default limit: 4096
    assertThat(ask("GET", path)).startsWith("http/1.1 200").endsWith("ok");
    assertThat(heads).singleElement().asString().contains(path);
    assertThat(ask("GET", "/plain?" + "a".repeat(Codecs.HEAD_MAX))).as("longer than it")
        .startsWith("http/1.1 400");
  }

  @Test
  void linesMayEndWithABareLf() throws Exception {
    assertThat(Backends.exchange(port, "GET /plain HTTP/1.1\nHost: x\nConnection: close\n\n"))
        .startsWith("HTTP/1.1 200").endsWith("ok");
  }

  @Test
  void chunksWinOverALengthGivenWithThem() throws Exception {
    String answer = Backends.exchange(port, "POST /plain HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + "5\r\nhello\r\n0\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200");
    // as haproxy passes it (side by side): in chunks, without the length
    assertThat(heads).singleElement().asString().contains("transfer-encoding: chunked\n")
        .doesNotContain("content-length").endsWith("\n5\nhello\n0\n\n");
  }

  @Test
  void http2sPrefaceIsRefusedOnceAndReachesNoServer() throws Exception {
    String answer = Backends.exchange(port, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    assertThat(answer).isEqualTo(OwnAnswers.BAD_REQUEST);
    assertThat(Backends.exchange(port, "BLAH\r\n\r\nBLAH\r\n\r\n")).as("two bad requests")
        .isEqualTo(OwnAnswers.BAD_REQUEST);
    assertThat(heads).isEmpty();
  }

  /**
   * Host lines that differ, or an absolute target naming another host than Host, are haproxy
   * 2.6's 400 and reach no server; a repeated Host that says the same goes on once, in its place,
   * and an http target's default port is dropped, Host then naming the target's host.
   */
  @Test
  void hostLinesThatDisagreeAreRefusedAndARepeatedOneGoesOnOnce() throws Exception {
    assertThat(Backends.exchange(port, "GET /plain HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"))
        .as("two hosts").isEqualTo(OwnAnswers.BAD_REQUEST);
    assertThat(Backends.exchange(port, "GET http://b/plain HTTP/1.1\r\nHost: a\r\n\r\n"))
        .as("the target's host against Host").isEqualTo(OwnAnswers.BAD_REQUEST);
    assertThat(heads).isEmpty();
    assertThat(Backends.exchange(port, "GET http://A:80/plain HTTP/1.1\r\nHost: a\r\n"
        + "X-A: 1\r\nHost: a\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    assertThat(rawHeads).singleElement().asString().startsWith("GET http://A/plain HTTP/1.1\n")
        .contains("\nhost: A\nx-a: 1\n").containsOnlyOnce("host:");
  }

  /** The rules' rewrites reach the server: a replaced path, a header from a sample. */
  @Test
  void theRequestGoesOnAsTheRulesRewroteIt() throws Exception {
    assertThat(ask("GET", "/old/plain?q=1")).startsWith("http/1.1 200");
    assertThat(rawHeads).singleElement().asString().startsWith("GET /plain?q=1 HTTP/1.1\n")
        .contains("\nx-was: /old/plain?q=1\n");
  }

  /** haproxy 2.6's own answer {@code status}, as it writes it to a client that asked to close. */
  static String haproxys(String status, String text) {
    String body = "<html><body><h1>" + status + "</h1>\n" + text + "\n</body></html>\n";
    return "HTTP/1.1 " + status + "\r\ncontent-length: " + body.length()
        + "\r\ncache-control: no-cache\r\ncontent-type: text/html\r\nconnection: close\r\n\r\n"
        + body;
  }

  static final String BAD_GATEWAY = haproxys("502 Bad Gateway",
      "The server returned an invalid or incomplete response.");

  String raw(String method, String path) throws IOException {
    return Backends.exchange(port, method + " " + path + " HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n");
  }

  @Test
  void anAnswerThatIsNotHttpGetsHaproxys502() throws Exception {
    assertThat(raw("GET", "/garbage")).isEqualTo(BAD_GATEWAY);
    assertThat(raw("GET", "/gzip")).as("a transfer coding other than chunked")
        .isEqualTo(BAD_GATEWAY);
  }

  @Test
  void aServerThatClosesWithoutAnAnswerGets502AtOnce() throws Exception {
    assertThat(raw("GET", "/empty")).as("502, not 504 at \"timeout server\"")
        .isEqualTo(BAD_GATEWAY);
  }

  @Test
  void noAnswerInTimeAndNoServerGetHaproxysAnswers() throws Exception {
    assertThat(raw("GET", "/hang")).isEqualTo(haproxys("504 Gateway Time-out",
        "The server didn't respond in time."));
    assertThat(raw("GET", "/noserver")).isEqualTo(haproxys("503 Service Unavailable",
        "No server is available to handle this request."));
  }

  /**
   * As haproxy (side by side): after its 504, or its 502 to an answer that is not HTTP, a client
   * that asked to keep its connection keeps it; after a server's abort (502 "SH") it is closed.
   */
  @Test
  void aKeptAliveClientKeepsItsConnectionAfterA504OrA502ToAnInvalidAnswer() throws Exception {
    for (String path : List.of("/hang", "/garbage", "/empty")) {
      try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
        c.setSoTimeout(5000);
        c.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        var in = new BufferedReader(new InputStreamReader(c.getInputStream(),
            StandardCharsets.US_ASCII));
        assertThat(in.readLine()).as(path).startsWith("HTTP/1.1 50");
        while (!in.readLine().isEmpty()) {
          // the rest of the head; the body's lines follow
        }
        while (!in.readLine().equals("</body></html>")) {
          // haproxy's page
        }
        if (path.equals("/empty")) {
          assertThat(in.read()).as("closed after the server's abort").isEqualTo(-1);
          continue;
        }
        c.getOutputStream().write("GET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        // answered on the same connection (after /hang the one-thread server may still be busy
        // with it, and the answer is then another 504)
        assertThat(in.readLine()).as("a next request after " + path).startsWith("HTTP/1.1 ");
      }
    }
  }

  @Test
  void anInterimAnswerGoesOnBeforeTheFinalOne() throws Exception {
    assertThat(raw("GET", "/continue")).startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK")
        .endsWith("ok");
  }

  @Test
  void anAnswerGoesOnAsHttp11() throws Exception {
    assertThat(raw("GET", "/v2")).startsWith("HTTP/1.1 200 OK\r\n").endsWith("ok");
  }
}
