package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stick tables in a running proxy on loopback: a rate limit on track-sc0 src, the request's
 * entry let go when its answer is written (conn_cur back to 0 between requests), a server's
 * 4xx counted as an HTTP error, and a reload starting with empty tables.
 */
class StickTableLoopbackTest {

  ProxyServer proxy;
  com.sun.net.httpserver.HttpServer web;
  int port;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (web != null) {
      web.stop(0);
    }
  }

  Backends.Cfg cfg() throws Exception {
    return Backends.cfg(port).mode("http").frontend("""
        stick-table type ip size 100 expire 30s store http_req_rate(10s),conn_cur,http_err_cnt
        http-request track-sc0 src
        http-request deny deny_status 429 if { sc_http_req_rate(0) gt 4 }
        http-request return status 200 content-type text/plain lf-string \
        "cur=%[sc0_conn_cur] err=%[sc0_http_err_cnt]" if { path /show }
        """).server("web", web.getAddress().getPort(), "");
  }

  List<String> statusesAndBodies(int n, String path) throws Exception {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String a = Backends.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\n"
          + "Connection: close\r\n\r\n");
      out.add(a.substring(9, 12) + (a.startsWith("HTTP/1.1 200") ? " "
          + a.substring(a.indexOf("\r\n\r\n") + 4) : ""));
    }
    return out;
  }

  @Test
  void aRateLimitCountsEveryRequestAndDeniesPastIt() throws Exception {
    port = Backends.freePort();
    web = Backends.web(404, ex -> "gone");
    proxy = new ProxyServer(Transport.best(), 1, "lb-stick",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(cfg().parse());
    assertThat(statusesAndBodies(1, "/show")).containsExactly("200 cur=1 err=0");
    assertThat(statusesAndBodies(2, "/missing")).as("the server's 404s").containsExactly(
        "404", "404");
    assertThat(statusesAndBodies(1, "/show")).as("counted, and each request's entry let go")
        .containsExactly("200 cur=1 err=2");
    assertThat(statusesAndBodies(2, "/show")).as("the fifth request in 10 s and on")
        .containsExactly("429", "429");
    proxy.reload(cfg().parse());
    assertThat(statusesAndBodies(1, "/show")).as("a reload starts with empty tables")
        .containsExactly("200 cur=1 err=0");
  }
}
