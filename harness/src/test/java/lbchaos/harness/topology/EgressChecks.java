package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * What the isolation ITs assert from inside a node: a TCP connect (netcat) to an address beyond
 * the test network fails, one inside it succeeds. Beyond means a TEST-NET address (RFC 5737,
 * never routed on the Internet) and the bridge gateway, the engine host's own address on the test
 * network, on a port where this JVM listens: without the node's egress filter that connect would
 * succeed (the control in TopologyIT shows it does).
 */
final class EgressChecks implements AutoCloseable {

  /**
   * TEST-NET-3 (RFC 5737): documentation only, routed nowhere on the Internet. Not TEST-NET-1:
   * a machine of this kind has its own network on 192.0.2.0/24, with 192.0.2.1 as its gateway.
   */
  static final String TEST_NET = "203.0.113.1";

  private final ServerSocket hostListener;

  EgressChecks() throws IOException {
    hostListener = new ServerSocket();
    hostListener.bind(new InetSocketAddress("0.0.0.0", 0));
  }

  /** The port where this JVM listens on every host address, the bridge gateways included. */
  int hostPort() {
    return hostListener.getLocalPort();
  }

  static Node.ExecResult connect(Node from, String ip, int port) {
    return from.exec(Duration.ofSeconds(15), "nc", "-z", "-n", "-w", "3", ip,
        Integer.toString(port));
  }

  /** {@code node} reaches {@code peer:port} on its network and nothing beyond it. */
  void assertConfined(Node node, String peer, int port) {
    Node.ExecResult in = connect(node, peer, port);
    assertThat(in.ok()).as("%s reaches %s:%d on its own network: %s", node.name(), peer, port,
        in.stderr()).isTrue();
    Node.ExecResult testNet = connect(node, TEST_NET, 80);
    assertThat(testNet.ok()).as("%s connecting to %s:80 (TEST-NET-3)", node.name(), TEST_NET)
        .isFalse();
    String gateway = node.network().egress().gateway();
    Node.ExecResult host = connect(node, gateway, hostPort());
    assertThat(host.ok()).as("%s connecting to the host at the bridge gateway %s:%d",
        node.name(), gateway, hostPort()).isFalse();
  }

  @Override
  public void close() throws IOException {
    hostListener.close();
  }
}
