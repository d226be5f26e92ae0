package lbchaos.harness.fault;

import java.time.Duration;
import java.util.Locale;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;
import org.awaitility.Awaitility;

/**
 * A slow application without netem (this machine's kernel has no sch_netem): the webserver's
 * apache answers "/" through a CGI script that sleeps {@code delay} before printing the same page.
 * TCP is untouched, so connects complete at once and only the answer (and any HTTP health check
 * of "/") waits, as with a backend whose application is overloaded. Inject and heal reload apache
 * gracefully (SIGUSR1 to PID 1, which is apache: its listening socket stays open; apache2ctl
 * would chown a directory, and the webserver has no CHOWN capability) and return once the change
 * is in effect.
 */
public record SlowAnswers(String target, Duration delay) implements Fault {

  private static final String SCRIPT = "/usr/lib/cgi-bin/lbchaos-slow";
  private static final String CONF = "/etc/apache2/conf-enabled/lbchaos-slow.conf";

  /** How long a reload may take to apply on a shared 2-core machine. */
  private static final Duration RELOAD = Duration.ofSeconds(10);

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
    // mod_cgi, not mod_cgid: cgid chowns its socket, and the webserver has no CHOWN capability.
    // apache 2.4 runs mod_cgi under the threaded event MPM too. The page is the one it serves.
    String script = "#!/bin/sh\nsleep " + seconds + "\nprintf 'Content-Type: text/html\\r\\n\\r\\n'"
        + "\ncat /var/www/html/index.html\n";
    String conf = "<IfModule !mod_cgi.c>\n  LoadModule cgi_module"
        + " /usr/lib/apache2/modules/mod_cgi.so\n</IfModule>\n"
        + "ScriptAliasMatch \"^/$\" \"" + SCRIPT + "\"\n";
    // The file contents go in as arguments: no quoting of them inside the command.
    sh(n, "printf %s \"$1\" > " + SCRIPT + " && chmod 755 " + SCRIPT + " && printf %s \"$2\" > "
        + CONF + " && kill -USR1 1", script, conf);
    awaitLocal(n, true);
  }

  public void heal(Lab lab) {
    Node n = lab.node(target);
    try {
      sh(n, "rm -f " + CONF + " && kill -USR1 1");
      awaitLocal(n, false);
    } catch (RuntimeException e) {
      // The node may be gone (killed): nothing to undo there.
      if (n.running()) {
        throw e;
      }
    }
  }

  public String detail() {
    return "apache answers \"/\" " + delay.toMillis() + " ms late (CGI sleep)";
  }

  private static void sh(Node n, String command, String... args) {
    String[] argv = new String[4 + args.length];
    argv[0] = "sh";
    argv[1] = "-c";
    argv[2] = command;
    argv[3] = "sh";
    System.arraycopy(args, 0, argv, 4, args.length);
    var r = n.exec(Duration.ofSeconds(10), argv);
    if (!r.ok()) {
      throw new IllegalStateException("slow-answers on " + n.name() + ": " + r.stderr()
          + r.stdout());
    }
  }

  /** Until a local request outlasts PROBE (slow) or answers within it (quick). */
  private static void awaitLocal(Node n, boolean slow) {
    String max = String.format(Locale.ROOT, "%.3f", PROBE.toNanos() / 1e9);
    Awaitility.await(n.name() + (slow ? " answering slowly" : " answering quickly"))
        .atMost(RELOAD).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          // curl exits 28 when --max-time runs out, 0 with a quick answer.
          int code = n.exec(Duration.ofSeconds(5), "curl", "-s", "-o", "/dev/null",
              "--max-time", max, "http://127.0.0.1/").exitCode();
          return slow ? code == 28 : code == 0;
        });
  }
}
