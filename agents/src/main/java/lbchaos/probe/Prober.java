package lbchaos.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.LongSupplier;
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

  Prober(InetSocketAddress address, Duration timeout, Exchange exchange, String name,
      LongSupplier clockMicros) {
    this.address = address;
    this.timeout = timeout;
    this.exchange = exchange;
    this.name = name;
    this.clockMicros = clockMicros;
  }

  public static Prober of(ProbeConfig c) {
    return new Prober(c.target().resolve(), c.timeout(), Exchange.of(c), c.name(),
        Events::nowMicros);
  }

  public ProbeSample probeOnce() {
    long start = clockMicros.getAsLong();
    Deadline deadline = Deadline.after(timeout);
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(address, deadline.remainingMillis());
      String backend = exchange.run(socket, deadline);
      return new ProbeSample(start, name, clockMicros.getAsLong(), backend, null);
    } catch (IOException | RuntimeException e) {
      return new ProbeSample(start, name, clockMicros.getAsLong(), null,
          ErrorClassifier.classify(e));
    }
  }
}
