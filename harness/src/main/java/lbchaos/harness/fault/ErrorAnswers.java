package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.Node;

/**
 * A failing application: the webserver's apache answers "/" with {@code status} (a 5xx, as a
 * broken application server behind it would) through a CGI script ({@link CgiPage}), the same way
 * {@link SlowAnswers} slows it. TCP and the listening socket are untouched: connects, and so
 * layer-4 checks, still pass; only what looks at the answers (HTTP checks, "observe layer7")
 * sees the failure. Inject and heal return once the change is in effect.
 */
public record ErrorAnswers(String target, int status) implements Fault {

  public ErrorAnswers {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status must be a 5xx, got " + status);
    }
  }

  public String name() {
    return "error-answers";
  }

  public void inject(Lab lab) {
    Node n = lab.node(target);
    CgiPage.install(n, name(), "#!/bin/sh\nprintf 'Status: " + status
        + " Injected\\r\\nContent-Type: text/plain\\r\\n\\r\\n" + status + " injected by lbchaos\\n'\n");
    CgiPage.awaitLocal(n, "answering " + status, 0, Integer.toString(status),
        "-w", "%{http_code}");
  }

  public void heal(Lab lab) {
    Node n = lab.node(target);
    CgiPage.remove(n, name());
    if (n.running()) {
      CgiPage.awaitLocal(n, "answering 200", 0, "200", "-w", "%{http_code}");
    }
  }

  public String detail() {
    return "apache answers \"/\" with status " + status + " (CGI)";
  }
}
