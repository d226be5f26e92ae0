package lbchaos.harness.fault;

import java.time.Duration;
import lbchaos.harness.topology.Node;
import org.awaitility.Awaitility;

/**
 * The webserver's apache serving "/" through a CGI script instead of its page, for faults of the
 * application rather than the network (no netem on this machine's kernel): installed and removed
 * with a graceful reload (SIGUSR1 to PID 1, which is apache: its listening socket stays open;
 * apache2ctl would chown a directory, and the webserver has no CHOWN capability). mod_cgi, not
 * mod_cgid: cgid chowns its socket. apache 2.4 runs mod_cgi under the threaded event MPM too.
 */
final class CgiPage {

  private static final String SCRIPT = "/usr/lib/cgi-bin/lbchaos-page";
  private static final String CONF = "/etc/apache2/conf-enabled/lbchaos-page.conf";

  /** How long a reload may take to apply on a shared 2-core machine. */
  static final Duration RELOAD = Duration.ofSeconds(10);

  private CgiPage() {}

  /** "/" runs {@code script} (a shell script that prints CGI headers, then the body). */
  static void install(Node n, String what, String script) {
    String conf = "<IfModule !mod_cgi.c>\n  LoadModule cgi_module"
        + " /usr/lib/apache2/modules/mod_cgi.so\n</IfModule>\n"
        + "ScriptAliasMatch \"^/$\" \"" + SCRIPT + "\"\n";
    // The file contents go in as arguments: no quoting of them inside the command.
    sh(n, what, "printf %s \"$1\" > " + SCRIPT + " && chmod 755 " + SCRIPT + " && printf %s \"$2\" > "
        + CONF + " && kill -USR1 1", script, conf);
  }

  /** "/" is the page again; nothing to undo on a node that is gone. */
  static void remove(Node n, String what) {
    try {
      sh(n, what, "rm -f " + CONF + " && kill -USR1 1");
    } catch (RuntimeException e) {
      if (n.running()) {
        throw e;
      }
    }
  }

  /** Until a local curl of "/" (given arguments) exits with {@code exit} and prints {@code out}. */
  static void awaitLocal(Node n, String describe, int exit, String out, String... curlArgs) {
    String[] argv = new String[curlArgs.length + 4];
    argv[0] = "curl";
    argv[1] = "-s";
    System.arraycopy(curlArgs, 0, argv, 2, curlArgs.length);
    argv[argv.length - 2] = "-o/dev/null";
    argv[argv.length - 1] = "http://127.0.0.1/";
    Awaitility.await(n.name() + " " + describe).atMost(RELOAD)
        .pollInterval(Duration.ofMillis(100)).until(() -> {
          var r = n.exec(Duration.ofSeconds(5), argv);
          return r.exitCode() == exit && r.stdout().strip().equals(out);
        });
  }

  private static void sh(Node n, String what, String command, String... args) {
    String[] argv = new String[4 + args.length];
    argv[0] = "sh";
    argv[1] = "-c";
    argv[2] = command;
    argv[3] = "sh";
    System.arraycopy(args, 0, argv, 4, args.length);
    var r = n.exec(Duration.ofSeconds(10), argv);
    if (!r.ok()) {
      throw new IllegalStateException(what + " on " + n.name() + ": " + r.stderr() + r.stdout());
    }
  }
}
