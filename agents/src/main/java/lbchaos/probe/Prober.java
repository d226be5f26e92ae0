package lbchaos.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import lbchaos.event.Events;
import lbchaos.event.ProbeSample;

/**
 * One request as the article's curl makes it: a new TCP connection, one exchange, closed. Never
 * throws: every outcome is a ProbeSample.
 */
public final class Prober {

  private final InetSocketAddress address;
  private final Duration timeout;
  private final Exchange exchange;
  private final String name;
  private final LongSupplier clockMicros;
  /** Present for https: wraps each connected socket in TLS. */
  private final Optional<SSLSocketFactory> tls;

  Prober(InetSocketAddress address, Duration timeout, Exchange exchange, String name,
      LongSupplier clockMicros) {
    this(address, timeout, exchange, name, clockMicros, Optional.empty());
  }

  Prober(InetSocketAddress address, Duration timeout, Exchange exchange, String name,
      LongSupplier clockMicros, Optional<SSLSocketFactory> tls) {
    this.tls = tls;
    this.address = address;
    this.timeout = timeout;
    this.exchange = exchange;
    this.name = name;
    this.clockMicros = clockMicros;
  }

  public static Prober of(ProbeConfig c) {
    return new Prober(c.target().resolve(), c.timeout(), Exchange.of(c), c.name(),
        Events::nowMicros, c.tls() ? Optional.of(TrustAll.factory()) : Optional.empty());
  }

  public ProbeSample probeOnce() {
    long start = clockMicros.getAsLong();
    Deadline deadline = Deadline.after(timeout);
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(address, deadline.remainingMillis());
      String backend = exchange.run(tls.isEmpty() ? socket : handshake(socket, deadline),
          deadline);
      return new ProbeSample(start, name, clockMicros.getAsLong(), backend, null);
    } catch (IOException | RuntimeException e) {
      return new ProbeSample(start, name, clockMicros.getAsLong(), null,
          ErrorClassifier.classify(e));
    }
  }

  /** TLS over the connected socket, the handshake within the request's budget. */
  private Socket handshake(Socket plain, Deadline deadline) throws IOException {
    SSLSocket s = (SSLSocket) tls.orElseThrow().createSocket(plain,
        address.getAddress().getHostAddress(), address.getPort(), true);
    s.setSoTimeout(deadline.remainingMillis());
    s.startHandshake();
    return s;
  }
}
