package lbchaos.proxy.net;

/** The same tests on epoll, the fallback where seccomp blocks io_uring (Docker 25 and later). */
class HttpTunnelEpollLoopbackTest extends HttpTunnelLoopbackTest {

  @Override
  Transport transport() {
    return Transport.EPOLL;
  }
}
