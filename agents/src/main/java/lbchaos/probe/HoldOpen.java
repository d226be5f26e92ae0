package lbchaos.probe;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code probe --hold N --target HOST:PORT [--duration 30s] [--timeout 2s]}: opens N connections,
 * sends each the start of an HTTP request without its closing blank line, and holds them all open
 * for the duration (or until SIGTERM), so that a proxy and its backends carry N idle sessions at
 * once: the load of a memory figure "at N open connections".
 *
 * <p>Why a partial request: an HTTP server (and a proxy in http mode) must keep a connection whose
 * headers have not ended and may not answer it (RFC 9112 section 2.2 reads a message up to the
 * empty line), so nothing closes these connections until a timeout; a complete keep-alive request
 * would be answered and then closed by apache's short KeepAliveTimeout.
 *
 * <p>Writes one line when every connection has been tried, {@code {"summary":"hold","opened":N,
 * "failed":M}}, and the same line again when it lets them go.
 */
public final class HoldOpen {

  public static final String MARKER = "hold";

  /** The options of a hold run. */
  public record Options(Target target, int count, Duration duration, Duration timeout) {
    public Options {
      if (target == null) {
        throw new IllegalArgumentException("--target HOST:PORT is required");
      }
      if (count < 1 || count > 60_000) {
        throw new IllegalArgumentException("--hold " + count + " must be in 1..60000");
      }
      if (duration.isNegative() || duration.isZero() || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("--duration and --timeout must be positive");
      }
    }
  }

  private HoldOpen() {}

  /** Whether a probe command line asks for a hold run. */
  public static boolean wanted(String[] args) {
    return List.of(args).contains("--hold");
  }

  public static Options parse(String[] args) {
    Target target = null;
    int count = 0;
    Duration duration = Duration.ofSeconds(30);
    Duration timeout = ProbeConfig.DEFAULT_TIMEOUT;
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(opt + " needs a value");
      }
      String v = args[++i];
      switch (opt) {
        case "--target" -> target = Target.parse(v);
        case "--hold" -> count = parseCount(v);
        case "--duration" -> duration = ProbeArgs.duration(opt, v);
        case "--timeout" -> timeout = ProbeArgs.duration(opt, v);
        default -> throw new IllegalArgumentException("unknown option '" + opt + "' with --hold");
      }
    }
    return new Options(target, count, duration, timeout);
  }

  private static int parseCount(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--hold '" + v + "' is not an integer");
    }
  }

  /** Request line and headers, but not the empty line that would end them. */
  static byte[] partialRequest(Target t) {
    return ("GET / HTTP/1.1\r\nHost: " + t + "\r\nUser-Agent: lbchaos-hold\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static String summary(int opened, int failed) {
    return "{\"summary\":\"" + MARKER + "\",\"opened\":" + opened + ",\"failed\":" + failed + "}";
  }

  public static int main(String[] args) throws InterruptedException {
    Options o;
    try {
      o = parse(args);
      o.target().resolve();
    } catch (IllegalArgumentException e) {
      System.err.println("probe: " + e.getMessage());
      return 2;
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        released.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "hold-sigterm"));
    try {
      run(o, System.out, stop);
    } finally {
      released.countDown();
    }
    return 0;
  }

  /** Opens, reports, holds until the duration ends or {@code stop} opens, closes. */
  public static void run(Options o, PrintStream out, CountDownLatch stop)
      throws InterruptedException {
    byte[] request = partialRequest(o.target());
    List<Socket> held = new ArrayList<>(o.count());
    int failed = 0;
    try {
      // One after the other: a burst of 1,000 SYNs would only measure the accept backlog.
      for (int i = 0; i < o.count() && stop.getCount() > 0; i++) {
        Socket s = new Socket();
        try {
          s.connect(o.target().resolve(), (int) o.timeout().toMillis());
          s.getOutputStream().write(request);
          s.getOutputStream().flush();
          held.add(s);
        } catch (IOException e) {
          failed++;
          close(s);
        }
      }
      synchronized (out) {
        out.println(summary(held.size(), failed));
        out.flush();
      }
      stop.await(o.duration().toMillis(), TimeUnit.MILLISECONDS);
      long stillOpen = held.stream().filter(HoldOpen::open).count();
      synchronized (out) {
        out.println(summary((int) stillOpen, failed + held.size() - (int) stillOpen));
        out.flush();
      }
    } finally {
      held.forEach(HoldOpen::close);
    }
  }

  /** Whether the peer has neither closed nor reset the connection (a non-blocking look). */
  private static boolean open(Socket s) {
    try {
      s.setSoTimeout(1);
      return s.getInputStream().read() != -1;
    } catch (java.net.SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
