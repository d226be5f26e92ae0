package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many sessions moving bulk data through the proxy at once, in mode tcp, on each transport this
 * host runs: every client's upload reaches the server whole and in order, and the server's
 * answer comes back whole (the relays' reads, backpressure and half-closes under load, where
 * the other loopback tests send a line or two). Only 127.0.0.1 is used.
 */
class BulkTransferLoopbackTest {

  static final int CLIENTS = 32;
  static final int BYTES = 256 * 1024;

  @ParameterizedTest
  @EnumSource(Transport.class)
  void concurrentUploadsAndAnswersArriveIntact(Transport t) throws Exception {
    assumeThat(t.unavailabilityCause()).as(t + " on this host").isNull();
    // per connection: its name, then the upload upper-cased once the client's FIN is in
    try (Backends.NameServer upper = new Backends.NameServer("up", 0)) {
      int port = Backends.freePort();
      ProxyServer proxy = new ProxyServer(t, 2, "lb-test",
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      try {
        proxy.start(Backends.cfg(port).servers("", upper).parse());
        assertThat(eachClient(i -> exchange(port, i))).as("%s: clients that failed", t)
            .isEmpty();
      } finally {
        proxy.close();
      }
    }
  }

  /**
   * Client {@code i}'s upload through the proxy at {@code port} to a {@link Backends.NameServer}
   * named "up", and what came back; null if it was the expected answer.
   */
  static String exchange(int port, int i) throws Exception {
    byte[] sent = letters(i);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(sent);
      s.shutdownOutput();
      String got = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      String want = "up\n" + new String(sent, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
      if (got.equals(want)) {
        return null;
      }
      int at = 0;
      while (at < Math.min(got.length(), want.length()) && got.charAt(at) == want.charAt(at)) {
        at++;
      }
      return "client " + i + ": " + got.length() + " bytes back of " + want.length()
          + ", first difference at " + at;
    }
  }

  /** Client {@code i}'s upload: {@link #BYTES} lower-case letters from its own seed. */
  static byte[] letters(int i) {
    Random r = new Random(i);
    byte[] b = new byte[BYTES];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) ('a' + r.nextInt(26));
    }
    return b;
  }

  interface Client {
    /** @return null if all was well, else what was not */
    String run(int i) throws Exception;
  }

  /** Runs {@link #CLIENTS} clients at once; the failures they report. */
  static List<String> eachClient(Client c) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int n = i;
        results.add(pool.submit(() -> c.run(n)));
      }
      List<String> failures = new ArrayList<>();
      for (Future<String> f : results) {
        String why = f.get(30, TimeUnit.SECONDS);
        if (why != null) {
          failures.add(why);
        }
      }
      return failures;
    } finally {
      pool.shutdownNow();
    }
  }
}
