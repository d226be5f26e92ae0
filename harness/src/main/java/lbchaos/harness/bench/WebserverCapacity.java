package lbchaos.harness.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import lbchaos.harness.topology.Node;

/**
 * Room in a webserver's apache for many held connections, for the bench only (the image and every
 * other test keep apache's defaults). Debian's event MPM allows 150 workers (MaxRequestWorkers)
 * and a listen backlog of 511 capped by the kernel's somaxconn; a held connection whose request
 * headers have not ended occupies a worker, and mod_reqtimeout closes it after 20-40 s. So the
 * proxies' backends could not hold 500 connections each: this raises the workers at run time,
 * turns the header timeout off, and reloads apache gracefully (SIGUSR1 to PID 1, as
 * {@link lbchaos.harness.fault.SlowAnswers} does: the webserver cannot chown for apache2ctl).
 *
 * <p>A graceful restart cannot change ServerLimit (16) or ThreadLimit (64), so the ceiling is
 * 16 x 64 = 1,024 workers per webserver.
 */
final class WebserverCapacity {

  static final int CEILING = 16 * 64;
  private static final String CONF = "/etc/apache2/conf-enabled/lbchaos-capacity.conf";

  /** How long apache may take on a shared 2-core machine to start the spare workers asked for. */
  private static final Duration SPAWN = Duration.ofSeconds(30);

  private WebserverCapacity() {}

  /** apache's configuration for {@code workers} idle workers kept ready. */
  static String conf(int workers) {
    if (workers < 1 || workers + 64 > CEILING) {
      throw new IllegalArgumentException("workers " + workers + " must be in 1.." + (CEILING - 64));
    }
    // MaxSpareThreads must exceed MinSpareThreads by at least ThreadsPerChild (mpm_event).
    return "<IfModule mpm_event_module>\n"
        + "  ThreadsPerChild 64\n"
        + "  MaxRequestWorkers " + CEILING + "\n"
        + "  MinSpareThreads " + workers + "\n"
        + "  MaxSpareThreads " + CEILING + "\n"
        + "</IfModule>\n"
        + "<IfModule reqtimeout_module>\n"
        + "  RequestReadTimeout header=0 body=0\n"
        + "</IfModule>\n";
  }

  /** Writes the configuration, reloads, and waits until apache runs that many threads. */
  static void raise(Node web, int workers) {
    var r = web.exec(Duration.ofSeconds(10), "sh", "-c",
        "printf %s \"$1\" > " + CONF + " && kill -USR1 1", "sh", conf(workers));
    if (!r.ok()) {
      throw new IllegalStateException("apache capacity on " + web.name() + ": " + r.stderr());
    }
    await(web.name() + " running " + workers + " apache threads").atMost(SPAWN)
        .pollInterval(Duration.ofMillis(250)).until(() -> threads(web) >= workers);
  }

  static int threads(Node web) {
    var r = web.exec(Duration.ofSeconds(10), "sh", "-c",
        "cat /proc/[0-9]*/status 2>/dev/null | awk '/^Name:/{n=$2} /^Threads:/{if(n==\"apache2\")"
            + "t+=$2} END{print t+0}'");
    return Integer.parseInt(r.stdout().strip());
  }
}
