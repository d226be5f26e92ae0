package lbchaos.probe;

import java.time.Duration;
import java.util.Optional;

/**
 * What the probe does, from its command line.
 *
 * @param rate requests started per second in rate mode (ignored when {@code concurrency > 0})
 * @param timeout whole-request budget, connect included (curl's {@code --max-time})
 * @param duration how long to run; empty means until SIGTERM (or stdin EOF with {@code stopOnStdinEof})
 * @param concurrency 0 for the fixed-rate loop; C &gt; 0 for C clients looping without a rate limit
 * @param path the HTTP request path (http mode)
 * @param line what tcp mode sends, newline appended
 * @param samples whether every request is written as a ProbeSample line (the summary always is)
 * @param unnamed whether a 2xx HTTP answer that names no backend counts as answered (backend
 *     {@value #UNNAMED}): a team's own webserver image answers its own page, not the harness's
 *     "coming from backend NAME"; without it such an answer is a bad answer
 * @param tls http mode over TLS (https): the frontend binds with "ssl". The probe does not
 *     verify the certificate (curl -k): it measures which server answers and when, through a
 *     VIP whose certificate the harness made for the run; the proxy's certificate handling is
 *     tested on loopback (TlsBindTest), where a client does verify it
 */
public record ProbeConfig(Target target, double rate, Duration timeout, Mode mode,
    Optional<Duration> duration, String name, int concurrency, String path, String line,
    boolean stopOnStdinEof, boolean samples, boolean unnamed, boolean tls) {

  /** The backend of an answer that names none, with {@code unnamed}. */
  public static final String UNNAMED = "unnamed";

  public enum Mode { HTTP, TCP }

  /** The article's curl loop at 20 requests a second with curl's {@code --max-time 2}. */
  public static final double DEFAULT_RATE = 20;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  public ProbeConfig {
    if (target == null) {
      throw new IllegalArgumentException("--target HOST:PORT is required");
    }
    if (!(rate > 0) || rate > 100_000) {
      throw new IllegalArgumentException("--rate " + rate + " must be in (0, 100000] per second");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
    }
    if (duration.isPresent() && (duration.get().isNegative() || duration.get().isZero())) {
      throw new IllegalArgumentException("--duration must be positive, got " + duration.get());
    }
    if (concurrency < 0 || concurrency > 10_000) {
      throw new IllegalArgumentException("--concurrency " + concurrency + " must be in 0..10000");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("--name must not be empty");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("--path must start with '/', got '" + path + "'");
    }
  }

  public static ProbeConfig of(Target target) {
    return new ProbeConfig(target, DEFAULT_RATE, DEFAULT_TIMEOUT, Mode.HTTP, Optional.empty(),
        "client", 0, "/", "hello", false, true, false, false);
  }

  public ProbeConfig withRate(double r) {
    return new ProbeConfig(target, r, timeout, mode, duration, name, concurrency, path, line,
        stopOnStdinEof, samples, unnamed, tls);
  }

  public ProbeConfig withTimeout(Duration t) {
    return new ProbeConfig(target, rate, t, mode, duration, name, concurrency, path, line,
        stopOnStdinEof, samples, unnamed, tls);
  }

  public ProbeConfig withMode(Mode m) {
    return new ProbeConfig(target, rate, timeout, m, duration, name, concurrency, path, line,
        stopOnStdinEof, samples, unnamed, tls);
  }

  public ProbeConfig withDuration(Duration d) {
    return new ProbeConfig(target, rate, timeout, mode, Optional.of(d), name, concurrency, path,
        line, stopOnStdinEof, samples, unnamed, tls);
  }

  public ProbeConfig withConcurrency(int c) {
    return new ProbeConfig(target, rate, timeout, mode, duration, name, c, path, line,
        stopOnStdinEof, samples, unnamed, tls);
  }

  public ProbeConfig withName(String n) {
    return new ProbeConfig(target, rate, timeout, mode, duration, n, concurrency, path, line,
        stopOnStdinEof, samples, unnamed, tls);
  }

  public ProbeConfig withPath(String p) {
    return new ProbeConfig(target, rate, timeout, mode, duration, name, concurrency, p, line,
        stopOnStdinEof, samples, unnamed, tls);
  }

  public ProbeConfig withLine(String l) {
    return new ProbeConfig(target, rate, timeout, mode, duration, name, concurrency, path, l,
        stopOnStdinEof, samples, unnamed, tls);
  }

  public ProbeConfig withStopOnStdinEof(boolean s) {
    return new ProbeConfig(target, rate, timeout, mode, duration, name, concurrency, path, line,
        s, samples, unnamed, tls);
  }

  public ProbeConfig withSamples(boolean s) {
    return new ProbeConfig(target, rate, timeout, mode, duration, name, concurrency, path, line,
        stopOnStdinEof, s, unnamed, tls);
  }

  public ProbeConfig withUnnamed(boolean u) {
    return new ProbeConfig(target, rate, timeout, mode, duration, name, concurrency, path, line,
        stopOnStdinEof, samples, u, tls);
  }

  public ProbeConfig withTls(boolean t) {
    return new ProbeConfig(target, rate, timeout, mode, duration, name, concurrency, path, line,
        stopOnStdinEof, samples, unnamed, t);
  }

  public boolean steadyLoad() {
    return concurrency > 0;
  }
}
