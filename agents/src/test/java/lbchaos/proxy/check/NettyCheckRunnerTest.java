package lbchaos.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import lbchaos.proxy.config.CheckTiming;
import lbchaos.proxy.config.HealthCheck;
import lbchaos.proxy.config.HttpExpect;
import lbchaos.proxy.net.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The check I/O against loopback listeners. */
class NettyCheckRunnerTest {

  final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  final NettyCheckRunner runner = new NettyCheckRunner(Transport.NIO::socketChannels, Transport.NIO::connectOnly);
  static final CheckTiming TIMING = new CheckTiming(Duration.ofMillis(500), Duration.ofMillis(500),
      Duration.ofMillis(500), 3, 2, Duration.ofMillis(500), Optional.empty());

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  CheckResult run(InetSocketAddress a, HealthCheck c) throws Exception {
    return run(group, runner, a, c);
  }

  static CheckResult run(EventLoopGroup g, NettyCheckRunner r, InetSocketAddress a,
      HealthCheck c) throws Exception {
    return r.run((EventLoop) g.next(), a, c, TIMING).get(5, TimeUnit.SECONDS);
  }

  /**
   * On each transport the proxy can run, a refused connect reads as haproxy writes it, and a
   * successful one ends as haproxy's does: on the native transports the server's application
   * never gets the connection (SYN, SYN-ACK, RST), with NIO it gets one that is reset.
   */
  @ParameterizedTest
  @EnumSource(Transport.class)
  void connectChecks(Transport t) throws Exception {
    assumeThat(t.unavailabilityCause()).as(t + " on this host").isNull();
    EventLoopGroup g = t.group(1);
    try {
      NettyCheckRunner r = new NettyCheckRunner(t::socketChannels, t::connectOnly);
      InetAddress lo = InetAddress.getLoopbackAddress();
      try (ServerSocket open = new ServerSocket(0, 5, lo)) {
        CheckResult ok = run(g, r, new InetSocketAddress(lo, open.getLocalPort()),
            new HealthCheck.TcpConnect());
        assertThat(ok.status()).as("listening port").isEqualTo(CheckStatus.L4OK);
        // Longer than Linux's delayed-ACK timer (40 to 200 ms): had the check's ACK gone out,
        // the connection would be waiting in the accept queue by then.
        open.setSoTimeout(500);
        if (t == Transport.NIO) {
          try (Socket accepted = open.accept()) {
            assertThatThrownBy(() -> accepted.getInputStream().read())
                .as("the check's close").isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");
          }
        } else {
          assertThatThrownBy(open::accept).as("a connection reaching the server's application")
              .isInstanceOf(SocketTimeoutException.class);
        }
      }
      int closed;
      try (ServerSocket s = new ServerSocket(0, 1, lo)) {
        closed = s.getLocalPort();
      }
      CheckResult refused = run(g, r, new InetSocketAddress(lo, closed),
          new HealthCheck.TcpConnect());
      assertThat(refused.status()).as("closed port").isEqualTo(CheckStatus.L4CON);
      assertThat(refused.reason()).as("reason")
          .isEqualTo("Layer4 connection problem, info: \"Connection refused\"");
    } finally {
      g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  @Test
  void httpChecks() throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
    s.createContext("/ok", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    s.createContext("/body", ex -> {
      byte[] b = "state: ready".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    s.createContext("/bad", ex -> {
      ex.sendResponseHeaders(503, -1);
      ex.close();
    });
    s.start();
    try {
      InetSocketAddress a = s.getAddress();
      assertThat(run(a, new HealthCheck.HttpCheck("GET", "/ok", "HTTP/1.0", List.of())).status())
          .as("2xx passes").isEqualTo(CheckStatus.L7OK);
      CheckResult bad = run(a, new HealthCheck.HttpCheck("GET", "/bad", "HTTP/1.0", List.of()));
      assertThat(bad.status()).as("503 fails").isEqualTo(CheckStatus.L7STS);
      assertThat(bad.code()).as("code kept").contains(503);
      assertThat(run(a, new HealthCheck.HttpCheck("GET", "/ok", "HTTP/1.0",
            List.of(expect(HttpExpect.Match.STATUS, "204", false)))).status())
          .as("expect status 204").isEqualTo(CheckStatus.L7STS);
      assertThat(run(a, new HealthCheck.HttpCheck("GET", "/body", "HTTP/1.0",
            List.of(expect(HttpExpect.Match.STRING, "state: ready", false)))).status())
          .as("expect string in the body").isEqualTo(CheckStatus.L7OK);
      CheckResult unwanted = run(a, new HealthCheck.HttpCheck("GET", "/body", "HTTP/1.0",
          List.of(expect(HttpExpect.Match.RSTRING, "ready$", true))));
      assertThat(unwanted.status()).as("! rstring that matches").isEqualTo(CheckStatus.L7RSP);
      assertThat(unwanted.info()).isEqualTo("HTTP check matched unwanted content");
      assertThat(run(a, new HealthCheck.HttpCheck("GET", "/bad", "HTTP/1.0",
            List.of(expect(HttpExpect.Match.RSTATUS, "^5", true)))).status())
          .as("! rstatus ^5 on a 503").isEqualTo(CheckStatus.L7STS);
    } finally {
      s.stop(0);
    }
  }

  @Test
  void silentServerTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CheckResult r = run(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
          new HealthCheck.HttpCheck("GET", "/", "HTTP/1.0", List.of()));
      assertThat(r.status()).as("connected but no answer within inter").isEqualTo(CheckStatus.L7TOUT);
      assertThat(r.duration()).as("bounded by inter").isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }
  }

  static HttpExpect expect(HttpExpect.Match m, String pattern, boolean negate) {
    return new HttpExpect(m, pattern, negate);
  }
}
