package lbchaos.harness.bench;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wrk (Debian's wrk 4.1, run with {@code --latency}) printed for one run: requests,
 * rate, median and 99th percentile latency, and what went wrong. wrk is the load generator the
 * targets read: written in C, so the client's share of a small machine stays small, and the tool
 * a user measures a proxy with.
 *
 * @param errors socket errors (connect, read, write, timeout) plus answers outside 2xx/3xx
 */
public record WrkResult(long requests, double requestsPerSecond, double p50Millis,
    double p99Millis, long errors) {

  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern SOCKET = Pattern.compile(
      "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  /** wrk's output, or an explanation of what is missing from it (with the output). */
  public static WrkResult parse(String out) {
    long errors = find(SOCKET, out).map(m -> Long.parseLong(m.group(1))
        + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
        + Long.parseLong(m.group(4))).orElse(0L);
    errors += find(NON_2XX, out).map(m -> Long.parseLong(m.group(1))).orElse(0L);
    return new WrkResult(
        Long.parseLong(need(REQUESTS, out, "request count").group(1)),
        Double.parseDouble(need(RATE, out, "Requests/sec line").group(1)),
        percentile(out, "50%"), percentile(out, "99%"), errors);
  }

  /** A line of the latency distribution ("     99%   21.06ms"), in milliseconds. */
  private static double percentile(String out, String which) {
    Matcher m = need(Pattern.compile("^\\s+" + Pattern.quote(which)
        + "\\s+([0-9.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE), out,
        which + " latency (was --latency given?)");
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "us" -> v / 1_000;
      case "ms" -> v;
      case "s" -> v * 1_000;
      case "m" -> v * 60_000;
      default -> v * 3_600_000;
    };
  }

  private static Optional<Matcher> find(Pattern p, String out) {
    Matcher m = p.matcher(out);
    return m.find() ? Optional.of(m) : Optional.empty();
  }

  private static Matcher need(Pattern p, String out, String what) {
    return find(p, out).orElseThrow(() -> new IllegalArgumentException(
        "wrk printed no " + what + ":\n" + out.strip()));
  }
}
