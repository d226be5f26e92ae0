package lbchaos.harness.topology;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one system call costs in a container on the engine: {@code dd} copying one byte at a
 * time from /dev/zero to /dev/null, a read and a write per byte that do almost nothing else, so
 * its time over the calls is the price of entering and leaving the kernel. The bench prints it
 * beside its figures because the proxy's CPU per request depends on it: Netty's epoll path makes
 * more system calls per connection than its io_uring path or haproxy, and on a VM where a call
 * costs a microsecond (BENCHMARKS.md, session 24) that is a share of the gap a faster machine
 * does not show. A helper without network or capability, labelled like the rest of a run.
 */
public final class SyscallCost {

  /** One-byte copies: two system calls each; about a second where a call costs 1 us. */
  static final int COPIES = 400_000;

  private static final Pattern COPIED = Pattern.compile("copied, ([0-9.]+(?:e-?[0-9]+)?) s");

  private SyscallCost() {}

  /** Microseconds per system call, measured in a container of {@code image} (needs dd). */
  public static double measure(DockerClient docker, String image) {
    Node.ExecResult r = HelperContainer.run(docker, image, RunId.random(), "system call cost",
        HelperContainer.isolated(), Duration.ofSeconds(60), command().toArray(String[]::new));
    if (r.exitCode() != 0) {
      throw new IllegalStateException("dd exited " + r.exitCode() + ": " + r.stderr().strip());
    }
    return perCallMicros(r.stderr(), COPIES);
  }

  /** dd in the C locale (its summary's number format), {@link #COPIES} one-byte copies. */
  static List<String> command() {
    return List.of("env", "LC_ALL=C", "dd", "if=/dev/zero", "of=/dev/null", "bs=1",
        "count=" + COPIES);
  }

  /**
   * @param ddSummary dd's stderr: "... bytes (...) copied, 1.18478 s, 422 kB/s"
   * @throws IllegalArgumentException when it holds no time
   */
  static double perCallMicros(String ddSummary, int copies) {
    Matcher m = COPIED.matcher(ddSummary);
    if (!m.find()) {
      throw new IllegalArgumentException("no time in dd's summary: " + ddSummary.strip());
    }
    return Double.parseDouble(m.group(1)) * 1e6 / (2.0 * copies);
  }
}
