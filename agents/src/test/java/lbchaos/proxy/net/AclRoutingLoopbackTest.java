package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * acl, http-request and use_backend rules on loopback: each webserver answers with its name and
 * the X-Tag, X-Be and X-Secret headers it received, so a test sees which backend a request went
 * to and what the rules did to it.
 */
class AclRoutingLoopbackTest {

  final List<HttpServer> servers = new ArrayList<>();
  ProxyServer proxy;
  int port;

  HttpServer web(String name) throws Exception {
    HttpServer s = Backends.web(ex -> name + " tag=" + ex.getRequestHeaders().getFirst("X-Tag")
        + " be=" + ex.getRequestHeaders().getFirst("X-Be") + " secret="
        + ex.getRequestHeaders().getFirst("X-Secret"));
    servers.add(s);
    return s;
  }

  @BeforeEach
  void start() throws Exception {
    port = Backends.freePort();
    Backends.Cfg cfg = Backends.cfg(port).mode("http").frontend("""
        acl api path_beg /api
        acl api_host hdr(host) -i api.example
        http-request deny if { path_beg /admin } !{ src 10.9.9.9 }
        http-request return status 200 content-type text/plain string pong if { path /ping }
        http-request redirect scheme https code 301 if { path_beg /old }
        http-request set-header X-Tag fe
        http-request del-header X-Secret
        use_backend %[req.hdr(x-pick)] if { req.hdr(x-pick) -m found }
        use_backend api if api || api_host
        http-request set-var(sess.n) var(sess.n,0),add(1)
        http-request unset-var(sess.n) if { path /reset }
        http-response set-header X-Order %[res.hdr(x-order)]-fe%[status]
        http-response set-header X-Count %[var(sess.n)]
        http-response del-header X-Order if { path /x }
        http-request set-var(txn.deny) path if { path /denyme }
        http-response deny if { var(txn.deny) -m found }
        """).server("main", web("main").getAddress().getPort(), "")
        .section("backend api\n  http-request set-header X-Be api\n"
            + "  http-request deny deny_status 429 if { query -m sub evil }\n"
            + "  http-response set-status 203 if { status 200 }\n"
            + "  http-response set-header X-Order be\n"
            + "  server api 127.0.0.1:" + web("api").getAddress().getPort() + "\n");
    assertThat(cfg.parse().javaRefusals()).as("nothing refused").isEmpty();
    proxy = new ProxyServer(Transport.best(), 1, "lb-acl",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(cfg.parse());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    servers.forEach(s -> s.stop(0));
  }

  /** One request on its own connection (Connection: close): the whole answer. */
  String send(String method, String uri, String... headers) throws IOException {
    StringBuilder r = new StringBuilder(method + " " + uri + " HTTP/1.1\r\n");
    boolean host = false;
    for (String h : headers) {
      r.append(h).append("\r\n");
      host |= h.toLowerCase(java.util.Locale.ROOT).startsWith("host:");
    }
    if (!host) {
      r.append("Host: www.example\r\n");
    }
    r.append("Connection: close\r\n\r\n");
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(r.toString().getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void requestsGoWhereTheRulesSay() throws Exception {
    assertThat(send("GET", "/")).as("no use_backend holds: the default backend")
        .startsWith("HTTP/1.1 200").endsWith("main tag=fe be=null secret=null");
    assertThat(send("GET", "/api/x")).as("path_beg /api")
        .endsWith("api tag=fe be=api secret=null");
    assertThat(send("GET", "/", "Host: API.example")).as("hdr(host) -i, or'ed")
        .endsWith("api tag=fe be=api secret=null");
    assertThat(send("GET", "/", "X-Tag: client", "X-Secret: s3")).as("set-header replaces,"
        + " del-header removes").endsWith("main tag=fe be=null secret=null");
    assertThat(send("POST", "/api/x?q=evil")).as("the backend's own deny, with its status")
        .startsWith("HTTP/1.1 429 Too Many Requests");
  }

  @Test
  void rulesAnswerThemselves() throws Exception {
    String denied = send("GET", "/admin/x");
    assertThat(denied).as("deny: haproxy's 403 page").startsWith("HTTP/1.1 403 Forbidden")
        .contains("Request forbidden by administrative rules.");
    String pong = send("GET", "/ping");
    assertThat(pong).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-type: text/plain")
        .endsWith("\r\n\r\npong");
    String moved = send("GET", "/old/page?a=1", "Host: h.example");
    assertThat(moved).startsWith("HTTP/1.1 301 Moved Permanently")
        .containsIgnoringCase("location: https://h.example/old/page?a=1");
    assertThat(send("GET", "/api/after-answers")).as("the connection-less answers left the"
        + " proxy routing").endsWith("api tag=fe be=api secret=null");
  }

  /**
   * http-response rules edit the answer's head: the backend's run first, then the frontend's,
   * which sees what they set; an ACL on a request fetch never matches there (haproxy: "will
   * never match"), so the del-header does not run.
   */
  @Test
  void httpResponseRulesEditTheAnswerBackendFirst() throws Exception {
    assertThat(send("GET", "/api/x").toLowerCase(java.util.Locale.ROOT)).as("the backend's"
        + " set-status, which the frontend's rules see").startsWith("http/1.1 203"
        + " non-authoritative information\r\n").contains("\r\nx-order: be-fe203\r\n");
    assertThat(send("GET", "/x").toLowerCase(java.util.Locale.ROOT))
        .contains("\r\nx-order: -fe200\r\n");
  }

  /**
   * http-response deny: the deny's reply (502 by default) instead of the server's answer; the
   * client's connection stays for its next request, as in haproxy 2.6.12 and 3.0.11.
   */
  @Test
  void aResponseDenyRepliesInsteadOfTheServer() throws Exception {
    String a = Backends.exchange(port, "GET /denyme HTTP/1.1\r\nHost: h\r\n\r\n"
        + "GET /x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
    assertThat(a).startsWith("HTTP/1.1 502 Bad Gateway\r\n").contains("<h1>502 Bad Gateway"
        + "</h1>").as("then the next request on that connection").endsWith("main tag=fe be=null"
        + " secret=null");
  }

  /** A "sess." variable lives as long as the client's connection: one count per request. */
  @Test
  void aSessionVariableLastsForTheConnection() throws Exception {
    String two = "GET /x HTTP/1.1\r\nHost: h\r\n\r\nGET /y HTTP/1.1\r\nHost: h\r\n"
        + "Connection: close\r\n\r\n";
    assertThat(Backends.exchange(port, two).toLowerCase(java.util.Locale.ROOT))
        .contains("\r\nx-count: 1\r\n", "\r\nx-count: 2\r\n");
    assertThat(send("GET", "/z").toLowerCase(java.util.Locale.ROOT)).as("a new connection")
        .contains("\r\nx-count: 1\r\n");
    String reset = "GET /x HTTP/1.1\r\nHost: h\r\n\r\nGET /reset HTTP/1.1\r\nHost: h\r\n\r\n"
        + "GET /y HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
    assertThat(Backends.exchange(port, reset).toLowerCase(java.util.Locale.ROOT))
        .as("unset-var: the count starts again").contains("\r\nx-count: 1\r\n",
            "\r\nx-count: \r\n").doesNotContain("x-count: 2");
  }

  /**
   * A use_backend named by the request: the backend of that name, or, for a name no backend
   * has, the default one, not a later use_backend (haproxy's process_switching_rules).
   */
  @Test
  void aBackendNamedByTheRequest() throws Exception {
    assertThat(send("GET", "/x", "X-Pick: api")).endsWith("api tag=fe be=api secret=null");
    assertThat(send("GET", "/api/x", "X-Pick: nosuch")).as("the default, though path_beg /api"
        + " holds for the next rule").endsWith("main tag=fe be=null secret=null");
  }
}
