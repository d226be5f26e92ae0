package lbchaos.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import lbchaos.event.Events;
import lbchaos.event.SlowRequest;

/**
 * {@code probe --trickle EVERY --target HOST:PORT [--duration 30s] [--name slow-client]
 * [--body BYTES]}: one slow client. It connects, sends "GET / HTTP/1.1" and then one header line
 * every EVERY, never the blank line that would end the request, until the proxy answers or
 * closes, or the duration runs out; then writes one {@link SlowRequest} line. Each line keeps
 * "timeout client" (an idle timeout) from running out; only a limit on the whole request
 * ("timeout http-request") cuts it. With {@code --body}, the head is whole at once (a POST of
 * that Content-Length) and its body comes a byte every EVERY, never all of it: only a proxy that
 * waits for the body (haproxy's "option http-buffer-request") cuts that at "timeout
 * http-request"; others pass it on to the server as it comes.
 */
public final class Trickle {

  /** The options of a trickle run. */
  public record Options(Target target, Duration every, Duration duration, String name,
      long body) {
    public Options {
      if (body < 0) {
        throw new IllegalArgumentException("--body must not be negative");
      }
      if (target == null) {
        throw new IllegalArgumentException("--target HOST:PORT is required");
      }
      if (every.isNegative() || every.isZero() || duration.compareTo(every) < 0) {
        throw new IllegalArgumentException("--trickle must be positive and --duration at least"
            + " as long");
      }
    }
  }

  private Trickle() {}

  public static boolean wanted(String[] args) {
    return List.of(args).contains("--trickle");
  }

  public static Options parse(String[] args) {
    Target target = null;
    Duration every = null;
    Duration duration = Duration.ofSeconds(30);
    String name = "slow-client";
    long body = 0;
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(opt + " needs a value");
      }
      String v = args[++i];
      switch (opt) {
        case "--target" -> target = Target.parse(v);
        case "--trickle" -> every = ProbeArgs.duration(opt, v);
        case "--duration" -> duration = ProbeArgs.duration(opt, v);
        case "--name" -> name = v;
        case "--body" -> body = ProbeArgs.integer(opt, v);
        default -> throw new IllegalArgumentException("unknown option '" + opt + "' with --trickle");
      }
    }
    if (every == null) {
      throw new IllegalArgumentException("--trickle needs an interval");
    }
    return new Options(target, every, duration, name, body);
  }

  public static int main(String[] args) {
    Options o;
    try {
      o = parse(args);
      o.target().resolve();
    } catch (IllegalArgumentException e) {
      System.err.println("probe: " + e.getMessage());
      return 2;
    }
    try {
      run(o, System.out);
      return 0;
    } catch (IOException e) {
      System.err.println("probe: " + e.getMessage());
      return 1;
    }
  }

  /** Runs one slow request and writes how it ended. */
  public static SlowRequest run(Options o, PrintStream out) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(o.target().resolve(), (int) Math.min(Integer.MAX_VALUE, o.every().toMillis()));
      long start = Events.nowMicros();
      long deadline = System.nanoTime() + o.duration().toNanos();
      OutputStream w = s.getOutputStream();
      InputStream in = s.getInputStream();
      w.write((o.body() > 0 ? "POST / HTTP/1.1\r\nHost: " + o.target() + "\r\nContent-Length: "
          + o.body() + "\r\n\r\n" : "GET / HTTP/1.1\r\nHost: " + o.target() + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      w.flush();
      int lines = 0;
      String answer = "";
      boolean cut = false;
      // Between lines, wait on the socket: an answer or a close ends the request at once.
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        s.setSoTimeout((int) Math.max(1, Math.min(o.every().toMillis(), left / 1_000_000)));
        try {
          byte[] buf = new byte[4096];
          int n = in.read(buf);
          cut = true;
          answer = n < 0 ? "closed" : firstLine(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
          break;
        } catch (SocketTimeoutException e) {
          // nothing yet: the next line
        } catch (IOException e) {
          cut = true;
          answer = "reset";
          break;
        }
        if (deadline - System.nanoTime() <= 0) {
          break;
        }
        if (o.body() > 0 && lines >= o.body() - 1) {
          continue; // the body's last byte is never sent: wait on the socket to the deadline
        }
        try {
          w.write((o.body() > 0 ? "x" : "X-Lbchaos-Slow-" + lines + ": 1\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          w.flush();
          lines++;
        } catch (IOException e) {
          cut = true;
          answer = "reset";
          break;
        }
      }
      SlowRequest r = new SlowRequest(Events.nowMicros(), o.name(), start, lines, answer, cut);
      Events.emit(out, r);
      return r;
    }
  }

  private static String firstLine(String s) {
    int eol = s.indexOf("\r\n");
    return eol < 0 ? s.strip() : s.substring(0, eol);
  }
}
