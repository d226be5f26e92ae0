package lbchaos.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import lbchaos.proxy.config.CheckTiming;
import lbchaos.proxy.config.Global;
import lbchaos.proxy.config.HealthCheck;
import lbchaos.proxy.config.Observe;
import lbchaos.proxy.config.OnError;
import lbchaos.proxy.net.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "observe layer4" through the checker's thread hand-off: connects reported from other threads
 * (the proxy's event loops) must still end an error streak, although a successful connect only
 * hops to the checks' loop when there is a streak to end.
 */
class HealthCheckerTest {

  final MultiThreadIoEventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  final EventLoop loop = group.next();
  /** Down transitions only: the checks themselves pass (they reach {@link #server}). */
  final List<Transition> transitions = new CopyOnWriteArrayList<>();
  final ServerSocket server;

  HealthCheckerTest() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() throws IOException {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    server.close();
  }

  HealthChecker checker(int errorLimit) {
    var target = new CheckTarget("be", "a", CheckSchedulerTest.check(2000, 200, 2000, 3, 2),
        new Observe(Observe.Layer.LAYER4, OnError.MARK_DOWN, errorLimit), false);
    var timing = new CheckTiming(Duration.ofSeconds(2), Duration.ofMillis(200),
        Duration.ofSeconds(2), 3, 2, Duration.ofSeconds(2), Optional.empty());
    // the checks connect to a listening socket and pass; only live traffic can take it down
    return new HealthChecker(List.of(new HealthChecker.Probe(target,
        new InetSocketAddress(server.getInetAddress(), server.getLocalPort()),
        new HealthCheck.TcpConnect(), timing)),
        Global.DEFAULTS, loop, new NettyCheckRunner(Transport.NIO::socketChannels, Transport.NIO::connectOnly),
        new HealthChecker.Listener() {
          @Override
          public void checked(int server, CheckResult result) {}

          @Override
          public void transition(int server, Transition t) {
            if (!t.up()) {
              transitions.add(t);
            }
          }
        });
  }

  /** Waits until every task queued on the checks' loop so far has run. */
  void drained() throws Exception {
    loop.submit(() -> {}).get(5, TimeUnit.SECONDS);
  }

  @Test
  void aSuccessfulConnectEndsTheStreak() throws Exception {
    HealthChecker c = checker(2);
    c.trafficError(0, "L4 unsuccessful connection");
    c.trafficOk(0);
    c.trafficError(0, "L4 unsuccessful connection");
    drained();
    assertThat(transitions).as("error, ok, error: no two in a row").isEmpty();

    c.trafficOk(0);
    c.trafficOk(0); // no streak left: nothing to hand over
    c.trafficError(0, "L4 unsuccessful connection");
    c.trafficError(0, "L4 unsuccessful connection");
    await("marked down after two consecutive errors").atMost(Duration.ofSeconds(5))
        .until(() -> transitions.size() == 1);
    assertThat(transitions.getFirst().cause().reason()).contains("2 consecutive errors");
  }

  @Test
  void theStreakStartsAgainAfterASuccessfulConnect() throws Exception {
    HealthChecker c = checker(3);
    c.trafficError(0, "x");
    c.trafficError(0, "x");
    c.trafficOk(0);
    c.trafficOk(0);
    c.trafficError(0, "x");
    c.trafficError(0, "x");
    drained();
    assertThat(transitions).as("the first ok ended the streak at 2").isEmpty();
    c.trafficError(0, "x");
    await("down at the third consecutive error").atMost(Duration.ofSeconds(5))
        .until(() -> transitions.size() == 1);
  }
}
