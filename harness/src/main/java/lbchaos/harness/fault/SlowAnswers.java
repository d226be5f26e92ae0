package lbchaos.harness.fault;

import java.time.Duration;
import java.util.Locale;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;

/**
 * A slow application without netem (this machine's kernel has no sch_netem): the webserver's
 * apache answers "/" through a CGI script ({@link CgiPage}) that sleeps {@code delay} before
 * printing the same page. TCP is untouched, so connects complete at once and only the answer (and
 * any HTTP health check of "/") waits, as with a backend whose application is overloaded. Inject
 * and heal return once the change is in effect.
 */
public record SlowAnswers(String target, Duration delay) implements Fault {

  /** A local request shorter than this tells a slow answer from a quick one. */
  private static final Duration PROBE = Duration.ofMillis(300);

  public SlowAnswers {
    if (delay.compareTo(PROBE.multipliedBy(2)) < 0 || delay.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("delay must be in [" + PROBE.multipliedBy(2).toMillis()
          + " ms, 1 min] (a local request of " + PROBE.toMillis() + " ms tells slow from quick),"
          + " got " + delay);
    }
  }

  public String name() {
    return "slow-answers";
  }

  public void inject(Lab lab) {
    Node n = lab.node(target);
    String seconds = String.format(Locale.ROOT, "%.3f", delay.toNanos() / 1e9);
    CgiPage.install(n, name(), "#!/bin/sh\nsleep " + seconds
        + "\nprintf 'Content-Type: text/html\\r\\n\\r\\n'\ncat /var/www/html/index.html\n");
    awaitLocal(n, true);
  }

  public void heal(Lab lab) {
    Node n = lab.node(target);
    CgiPage.remove(n, name());
    if (n.running()) {
      awaitLocal(n, false);
    }
  }

  public String detail() {
    return "apache answers \"/\" " + delay.toMillis() + " ms late (CGI sleep)";
  }

  /** Until a local request outlasts PROBE (slow) or answers within it (quick). */
  private static void awaitLocal(Node n, boolean slow) {
    String max = String.format(Locale.ROOT, "%.3f", PROBE.toNanos() / 1e9);
    // curl exits 28 when --max-time runs out, 0 with a quick answer.
    CgiPage.awaitLocal(n, slow ? "answering slowly" : "answering quickly", slow ? 28 : 0, "",
        "--max-time", max);
  }
}
