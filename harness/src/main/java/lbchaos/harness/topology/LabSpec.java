package lbchaos.harness.topology;

import java.nio.file.Path;
import java.util.List;
import lbchaos.harness.config.LbSettings;

/**
 * What to build: the stack, how many LBs and webservers, the settings of the rendered configs,
 * or a user's own keepalived.conf per LB and haproxy.cfg (with the scripts they name), and the
 * webservers' image when it is a team's own.
 *
 * @param accessLogs whether the webservers log every request to their output, which the harness
 *     follows (scenarios read it); off only for the benchmark's load trials, where that pipeline
 *     (apache's write, containerd-shim, dockerd's log file and stream, the harness reading it)
 *     spent about a fifth of the machine at 2,400 req/s, work of neither proxy
 * @param webserverImage a team's image the webservers run, or null for the harness's apache
 */
public record LabSpec(Stack stack, int lbCount, int webCount, LbSettings settings,
    List<Path> userKeepalived, Path userHaproxy, List<Path> scripts, boolean outsider,
    boolean accessLogs, WebserverImage webserverImage) {

  /** With the webservers' access logs, on the harness's webserver. */
  public LabSpec(Stack stack, int lbCount, int webCount, LbSettings settings,
      List<Path> userKeepalived, Path userHaproxy, List<Path> scripts, boolean outsider) {
    this(stack, lbCount, webCount, settings, userKeepalived, userHaproxy, scripts, outsider, true,
        null);
  }

  public LabSpec {
    userKeepalived = List.copyOf(userKeepalived);
    scripts = List.copyOf(scripts);
    if (!userKeepalived.isEmpty() && userKeepalived.size() != lbCount) {
      throw new IllegalArgumentException("one keepalived.conf per LB: " + lbCount + " LBs, "
          + userKeepalived.size() + " files");
    }
  }

  /** The article's topology: two LBs, two webservers, its configs. */
  public static LabSpec article(Stack stack) {
    return new LabSpec(stack, 2, 2, LbSettings.ARTICLE, List.of(), null, List.of(), false);
  }

  public LabSpec withSettings(LbSettings s) {
    return new LabSpec(stack, lbCount, webCount, s, userKeepalived, userHaproxy, scripts, outsider,
        accessLogs, webserverImage);
  }

  public LabSpec withStack(Stack st) {
    return new LabSpec(st, lbCount, webCount, settings, userKeepalived, userHaproxy, scripts,
        outsider, accessLogs, webserverImage);
  }

  public LabSpec withCounts(int lbs, int webs) {
    return new LabSpec(stack, lbs, webs, settings, userKeepalived, userHaproxy, scripts, outsider,
        accessLogs, webserverImage);
  }

  /** Adds a container on a second network, to prove the first cannot reach beyond itself. */
  public LabSpec withOutsider() {
    return new LabSpec(stack, lbCount, webCount, settings, userKeepalived, userHaproxy, scripts,
        true, accessLogs, webserverImage);
  }

  /** Webservers that answer without logging each request (see {@code accessLogs}). */
  public LabSpec withoutAccessLogs() {
    return new LabSpec(stack, lbCount, webCount, settings, userKeepalived, userHaproxy, scripts,
        outsider, false, webserverImage);
  }

  /** The webservers run {@code image} (null: the harness's own). */
  public LabSpec withWebserverImage(WebserverImage image) {
    return new LabSpec(stack, lbCount, webCount, settings, userKeepalived, userHaproxy, scripts,
        outsider, accessLogs, image);
  }

  /**
   * Whether every answer names the webserver that gave it (the harness's webserver does; a
   * team's image when declared so): what the probe and the scenarios that tell webservers apart
   * read.
   */
  public boolean webserversNamed() {
    return webserverImage == null || webserverImage.namesItself();
  }
}
