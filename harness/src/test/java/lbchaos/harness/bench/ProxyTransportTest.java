package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import lbchaos.event.LogLine;
import lbchaos.harness.history.History;
import org.junit.jupiter.api.Test;

/**
 * The java proxy's transport and TLS library as the bench reads them from a node's log lines (a
 * demo's shape).
 */
class ProxyTransportTest {

  static final History H = History.of(
      new LogLine(1, "loadbalancer-1", "vrrp: VI_1 entering MASTER state"),
      new LogLine(2, "loadbalancer-2",
          "proxy loadbalancer-2: started on epoll with /etc/haproxy/haproxy.cfg"),
      new LogLine(3, "loadbalancer-1",
          "proxy loadbalancer-1: started on io_uring with /etc/haproxy/haproxy.cfg"),
      new LogLine(4, "webserver-1", "proxy webserver-1 says nothing of a start"),
      new LogLine(5, "loadbalancer-1", "proxy: TLS by BoringSSL (netty-tcnative)"),
      new LogLine(6, "loadbalancer-2", "proxy: TLS by the JDK's provider"),
      new LogLine(7, "loadbalancer-2", "[WARNING] TLS: BoringSSL (netty-tcnative) did not load"
          + " here (...); the JDK's TLS is used instead"));

  @Test
  void eachNodesOwnStartLine() {
    assertThat(Trials.proxyTransport(H, "loadbalancer-1")).contains("io_uring");
    assertThat(Trials.proxyTransport(H, "loadbalancer-2")).contains("epoll");
  }

  @Test
  void theTlsLibraryEachSaidItUses() {
    assertThat(Trials.proxyTls(H, "loadbalancer-1")).contains("BoringSSL (netty-tcnative)");
    assertThat(Trials.proxyTls(H, "loadbalancer-2")).contains("the JDK's provider");
    assertThat(Trials.proxyTls(H, "webserver-1")).as("no TLS, no line").isEmpty();
  }

  @Test
  void noneWithoutAStartLine() {
    assertThat(Trials.proxyTransport(H, "webserver-1")).isEmpty();
    assertThat(Trials.proxyTransport(H, "loadbalancer-3")).isEmpty();
  }
}
