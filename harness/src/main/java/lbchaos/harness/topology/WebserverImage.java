package lbchaos.harness.topology;

/**
 * A team's own webserver image, run behind the proxies instead of the harness's apache.
 *
 * <p>What the topology needs from it: a local image (the harness never pulls) whose own command
 * serves HTTP and answers {@code GET /} with a 2xx status on the port its haproxy.cfg server line
 * names (80 on the article's topology), within 20 s of its start. The harness places it at the
 * server's address, runs it with the engine's default capabilities (never privileged) in a
 * network namespace it has already closed to everything outside the test network, and sets
 * {@value #NAME_VARIABLE} (webserver-1, ...) and {@value #PORT_VARIABLE} in its environment; its
 * hostname is the same name.
 *
 * <p>Which scenarios it runs: the probe reads which webserver answered from the answer (the
 * harness's page says {@code This is coming from backend webserver-1}). An image whose answer
 * contains {@code backend NAME}, NAME from {@value #NAME_VARIABLE} or the hostname, is declared
 * with {@code namesItself} and runs every scenario a user's configs can. Any other image runs
 * only the scenarios that do not tell the webservers apart (master-down): round-robin and
 * backend-down judge which webserver answered each request, so they are refused before anything
 * starts.
 *
 * @param image a local image, as {@code docker images} names it (e.g. {@code my/app:1})
 * @param namesItself whether its answer names it as described above
 */
public record WebserverImage(String image, boolean namesItself) {

  /** The webserver's name in the topology, in the container's environment. */
  public static final String NAME_VARIABLE = "LBCHAOS_WEBSERVER";
  /** The port haproxy.cfg's server line names, in the container's environment. */
  public static final String PORT_VARIABLE = "LBCHAOS_PORT";

  public WebserverImage {
    if (image == null || !image.matches("[a-z0-9][a-z0-9._/:@-]*")) {
      throw new IllegalArgumentException("webserver image '" + image + "' is not an image"
          + " reference (e.g. my/app:1)");
    }
  }

  /** An image whose answers do not say which webserver gave them. */
  public static WebserverImage of(String image) {
    return new WebserverImage(image, false);
  }

  /** What a user reads about it. */
  public String describe() {
    return image + (namesItself ? " (answers naming itself)" : " (answers not naming itself:"
        + " only scenarios that do not tell the webservers apart)");
  }
}
