package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "http-after-response" rules, each case as haproxy 2.6.12 answered it side by side in the node
 * image: on every answer the client gets, the server's (after the http-response rules) and the
 * proxy's own (a deny's page, a return, a 503, the 408 to a body that did not come), the
 * backend's rules first, then the frontend's; before a backend is chosen the frontend's alone;
 * an allow ends its section's rules; a set-status changes the status line.
 */
class HttpAfterResponseLoopbackTest {

  ProxyServer proxy;
  com.sun.net.httpserver.HttpServer web;
  com.sun.net.httpserver.HttpServer missing;
  int port;

  @BeforeEach
  void start() throws Exception {
    web = Backends.web(ex -> {
      ex.getResponseHeaders().add("x-a", "1");
      return "ok";
    });
    missing = Backends.web(404, ex -> "no");
    port = Backends.freePort();
    proxy = new ProxyServer(Transport.best(), 1, "lb-after",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(Backends.cfg(port).mode("http")
        .defaults("timeout http-request 500ms")
        .frontend("option http-buffer-request"
            + "\nhttp-after-response set-header x-front f"
            + "\nhttp-after-response add-header x-status %[status]"
            + "\nhttp-after-response set-status 299 if { status 404 }"
            + "\nhttp-request deny if { path /deny }"
            + "\nuse_backend nosrv if { path /nosrv }"
            + "\nuse_backend nf if { path /nf }"
            + "\nuse_backend b if { path /ok }")
        .section("backend b\n  http-after-response set-header x-back b"
            + "\n  http-after-response del-header x-a"
            + "\n  http-after-response allow if { status 200 }"
            + "\n  http-after-response set-header x-after-allow yes"
            + "\n  http-response set-header x-resp r"
            + "\n  server web 127.0.0.1:" + web.getAddress().getPort())
        .section("backend nf\n  http-after-response set-header x-back nf"
            + "\n  server web 127.0.0.1:" + missing.getAddress().getPort())
        .section("backend nosrv\n  http-after-response set-header x-back nosrv")
        .parse());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    web.stop(0);
    missing.stop(0);
  }

  /**
   * The head lines of the answer to {@code request}, in lower case; the client's side stays
   * open meanwhile (a body that does not come is not a client's abort).
   */
  List<String> head(String request) throws Exception {
    String raw;
    try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
        port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      java.io.InputStream in = s.getInputStream();
      StringBuilder got = new StringBuilder();
      for (int c; got.indexOf("\r\n\r\n") < 0 && (c = in.read()) >= 0; ) {
        got.append((char) c);
      }
      raw = got.toString();
    }
    int end = raw.indexOf("\r\n\r\n");
    return List.of((end < 0 ? raw : raw.substring(0, end)).toLowerCase(java.util.Locale.ROOT)
        .split("\r\n"));
  }

  List<String> get(String path) throws Exception {
    return head("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  @Test
  void aServersAnswerGetsTheBackendsRulesThenTheFrontendsAfterTheResponseRules()
      throws Exception {
    List<String> h = get("/ok");
    assertThat(h.getFirst()).isEqualTo("http/1.1 200 ok");
    assertThat(h).containsSubsequence("x-resp: r", "x-back: b", "x-front: f", "x-status: 200")
        .doesNotContain("x-a: 1").as("the backend's allow ends its rules")
        .doesNotContain("x-after-allow: yes");
  }

  @Test
  void aSetStatusChangesTheStatusLineTheLaterRulesSeeTheOldOneBefore() throws Exception {
    List<String> h = get("/nf");
    assertThat(h.getFirst()).isEqualTo("http/1.1 299 success");
    assertThat(h).containsSubsequence("x-back: nf", "x-front: f", "x-status: 404");
  }

  @Test
  void theProxysOwnAnswersGetThemTooTheFrontendsAloneBeforeABackend() throws Exception {
    List<String> deny = get("/deny");
    assertThat(deny.getFirst()).isEqualTo("http/1.1 403 forbidden");
    assertThat(deny).containsSubsequence("content-type: text/html", "x-front: f",
        "x-status: 403").noneMatch(l -> l.startsWith("x-back"));
    List<String> none = get("/nosrv");
    assertThat(none.getFirst()).isEqualTo("http/1.1 503 service unavailable");
    assertThat(none).containsSubsequence("x-back: nosrv", "x-front: f", "x-status: 503");
    List<String> slow = head("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab");
    assertThat(slow.getFirst()).as("the body's 408").isEqualTo("http/1.1 408 request time-out");
    assertThat(slow).containsSubsequence("x-front: f", "x-status: 408");
  }
}
