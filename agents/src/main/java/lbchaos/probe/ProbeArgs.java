package lbchaos.probe;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the probe's command line; every error is an IllegalArgumentException naming the option. */
public final class ProbeArgs {

  public static final String USAGE = """
      usage: probe --target HOST:PORT [--rate 20] [--timeout 2s] [--mode http|tcp]
                   [--duration 30s] [--name client] [--concurrency C] [--path /]
                   [--line hello] [--stdin] [--summary-only] [--unnamed] [--tls]
        --rate         requests started per second, on a fixed schedule (requests may overlap)
        --timeout      whole-request budget, connect included
        --duration     run this long; without it, run until SIGTERM (or stdin EOF with --stdin)
        --concurrency  steady load: C clients, each sending request after request, no rate limit
        --stdin        also stop when stdin reaches end of file
        --summary-only do not write one ProbeSample line per request
        --unnamed      a 2xx answer naming no backend counts as answered (backend "unnamed")
        --tls          HTTPS: TLS on each connection, the certificate not verified (curl -k)
      probe --hold N --target HOST:PORT [--duration 30s] [--timeout 2s]
        --hold         open N connections, send each a partial HTTP request, hold them open
      probe --trickle EVERY --target HOST:PORT [--duration 30s] [--name slow-client]
        --trickle      one slow client: a request header line every EVERY, never the end of
                       the headers, until the proxy answers or closes; one slow-request line
      """;

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

  private ProbeArgs() {}

  public static ProbeConfig parse(String[] args) {
    Target target = null;
    ProbeConfig.Mode mode = ProbeConfig.Mode.HTTP;
    double rate = ProbeConfig.DEFAULT_RATE;
    Duration timeout = ProbeConfig.DEFAULT_TIMEOUT;
    Duration duration = null;
    String name = "client";
    int concurrency = 0;
    String path = "/";
    String line = "hello";
    boolean stdin = false;
    boolean samples = true;
    boolean unnamed = false;
    boolean tls = false;
    for (int i = 0; i < args.length; i++) {
      String opt = args[i];
      switch (opt) {
        case "--stdin" -> stdin = true;
        case "--summary-only" -> samples = false;
        case "--unnamed" -> unnamed = true;
        case "--tls" -> tls = true;
        case "--target", "--rate", "--timeout", "--mode", "--duration", "--name", "--concurrency",
             "--path", "--line" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
          }
          String v = args[++i];
          switch (opt) {
            case "--target" -> target = Target.parse(v);
            case "--rate" -> rate = number(opt, v);
            case "--timeout" -> timeout = duration(opt, v);
            case "--duration" -> duration = duration(opt, v);
            case "--mode" -> mode = mode(v);
            case "--name" -> name = v;
            case "--concurrency" -> concurrency = (int) integer(opt, v);
            case "--path" -> path = v;
            case "--line" -> line = v;
            default -> throw new AssertionError(opt);
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + opt + "'");
      }
    }
    if (target == null) {
      throw new IllegalArgumentException("--target HOST:PORT is required");
    }
    ProbeConfig c = ProbeConfig.of(target).withRate(rate).withTimeout(timeout).withMode(mode).withName(name)
        .withConcurrency(concurrency).withPath(path).withLine(line).withStopOnStdinEof(stdin)
        .withSamples(samples).withUnnamed(unnamed).withTls(tls);
    return duration == null ? c : c.withDuration(duration);
  }

  /** Accepts {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601. */
  public static Duration duration(String opt, String v) {
    Matcher m = DURATION.matcher(v.strip().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      double nanosPerUnit = switch (unit) {
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        case "h" -> 3600e9;
        default -> throw new AssertionError(unit);
      };
      return Duration.ofNanos(Math.round(n * nanosPerUnit));
    }
    try {
      return Duration.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(opt + " '" + v + "' is not a duration (e.g. 500ms, 2s, 1m)");
    }
  }

  private static ProbeConfig.Mode mode(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "http" -> ProbeConfig.Mode.HTTP;
      case "tcp" -> ProbeConfig.Mode.TCP;
      default -> throw new IllegalArgumentException("--mode '" + v + "' is not http or tcp");
    };
  }

  private static double number(String opt, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(opt + " '" + v + "' is not a number");
    }
  }

  static long integer(String opt, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(opt + " '" + v + "' is not an integer");
    }
  }
}
