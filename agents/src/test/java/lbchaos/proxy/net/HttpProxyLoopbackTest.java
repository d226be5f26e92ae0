package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mode http on loopback: keep-alive, X-Forwarded-For, retry, stats. */
class HttpProxyLoopbackTest {

  final List<HttpServer> servers = new ArrayList<>();
  ProxyServer proxy;

  HttpServer web(String name) throws Exception {
    HttpServer s = Backends.web(ex -> name + " xff="
        + ex.getRequestHeaders().getFirst("X-Forwarded-For"));
    servers.add(s);
    return s;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void keepAliveRoundRobinForwardedForRetryAndStats() throws Exception {
    HttpServer a = web("web1");
    HttpServer b = web("web2");
    int port = Backends.freePort();
    int statsPort = Backends.freePort();
    int dead = Backends.freePort();
    var cfg = Backends.cfg(port).mode("http")
        .backend("option forwardfor\nretries 1\noption redispatch")
        .server("web1", a.getAddress().getPort(), "")
        .server("web2", b.getAddress().getPort(), "")
        .server("gone", dead, "")
        .section("""
            listen stats
              bind 127.0.0.1:%d
              stats enable
              stats uri /stats
            """.formatted(statsPort));
    proxy = new ProxyServer(Transport.best(), 2, "lb-http",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(cfg.parse());
    // one HttpClient keeps one keep-alive connection for sequential requests
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("request %d status (dead server redispatched)", i).isEqualTo(200);
        bodies.add(r.body());
      }
      // picks: web1, web2, gone -> redispatch takes the next turn (web1), web2, gone -> web1, web2
      assertThat(bodies).as("per-request round robin; the dead server's turns redispatched")
          .containsExactly("web1 xff=127.0.0.1", "web2 xff=127.0.0.1", "web1 xff=127.0.0.1",
              "web2 xff=127.0.0.1", "web1 xff=127.0.0.1", "web2 xff=127.0.0.1");
      assertThat(proxy.openSessions()).as("one keep-alive client connection, plus none")
          .isLessThanOrEqualTo(1);
      String csv = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + statsPort + "/stats;csv")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(csv).as("haproxy CSV header").startsWith("# pxname,svname,qcur,qmax,scur,smax,");
      assertThat(csv).as("server rows").contains("be,web1,").contains("be,gone,").contains("be,BACKEND,");
      HttpResponse<String> page = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + statsPort + "/stats")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.headers().firstValue("content-type")).as("the URI alone: haproxy's page")
          .contains("text/html");
      assertThat(page.body()).contains("<th class=\"pxname\">be</th>").contains("<td>web1</td>");
      String prom = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + statsPort + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(prom).as("prometheus text")
          .contains("haproxy_server_redispatch_warnings_total{proxy=\"be\",server=\"gone\"} 2");
    }
  }

  @Test
  void forwardForHeaderNameAndExceptNetwork() throws Exception {
    HttpServer web = Backends.web(ex -> "client=" + ex.getRequestHeaders().getFirst("X-Client")
        + " xff=" + ex.getRequestHeaders().getFirst("X-Forwarded-For"));
    servers.add(web);
    int port = Backends.freePort();
    proxy = new ProxyServer(Transport.best(), 1, "lb-xff",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(Backends.cfg(port).mode("http").backend("option forwardfor header X-Client")
        .server("web1", web.getAddress().getPort(), "").parse());
    assertThat(Backends.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .as("the backend's header name").endsWith("client=127.0.0.1 xff=null");
    proxy.close();
    proxy = new ProxyServer(Transport.best(), 1, "lb-xff",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    proxy.start(Backends.cfg(port = Backends.freePort()).mode("http")
        .backend("option forwardfor except 127.0.0.0/8")
        .server("web1", web.getAddress().getPort(), "").parse());
    assertThat(Backends.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .as("a loopback client is in the except network").endsWith("client=null xff=null");
  }
}
