package lbchaos.proxy.net;

import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.BeforeEach;

/**
 * The same tests on epoll, the transport where Docker's seccomp profile blocks io_uring (Docker 25
 * and later), so that the fallback keeps its half-closes, retries and errors.
 */
class TcpProxyEpollLoopbackTest extends TcpProxyLoopbackTest {

  @BeforeEach
  void epollHere() {
    assumeThat(Transport.EPOLL.unavailabilityCause()).as("epoll on this host").isNull();
  }

  @Override
  Transport transport() {
    return Transport.EPOLL;
  }
}
