package lbchaos.proxy.net;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.proxy.acl.Answer;
import lbchaos.proxy.acl.HttpRules;
import lbchaos.proxy.acl.Request;
import lbchaos.proxy.config.ForwardFor;
import lbchaos.proxy.config.HttpReuse;

/**
 * Where one request of a mode http frontend goes, by its rules: the frontend's http-request and
 * redirect rules, then its use_backend rules (else default_backend), then the chosen backend's
 * own rules, as haproxy 2.6 runs them. Pure once built: the session hands in a {@link Request}
 * and gets an answer to write or a route to forward on.
 */
final class Routing {

  /**
   * What a request needs of its backend.
   *
   * @param connector null when the backend has no server (503)
   */
  record Route(Connector connector, ForwardFor.Sides forwardFor,
      Optional<Duration> serverTimeout, HttpReuse reuse) {}

  /** A rule answered, or the request (as the rules left it) goes to a route. */
  sealed interface Decision {}

  record Answered(Answer answer) implements Decision {}

  record Routed(Route route, Request request) implements Decision {}

  private final HttpRules front;
  private final Optional<String> defaultBackend;
  private final Map<String, Route> routes;
  private final Map<String, HttpRules> backRules;

  Routing(HttpRules front, Optional<String> defaultBackend, Map<String, Route> routes,
      Map<String, HttpRules> backRules) {
    this.front = front;
    this.defaultBackend = defaultBackend;
    this.routes = Map.copyOf(routes);
    this.backRules = Map.copyOf(backRules);
  }

  Decision decide(Request r) {
    HttpRules.Outcome o = front.apply(r);
    if (o.answer().isPresent()) {
      return new Answered(o.answer().get());
    }
    Optional<String> be = front.backend(o.request()).or(() -> defaultBackend);
    if (be.isEmpty()) {
      return new Answered(noServer());
    }
    Request req = o.request();
    HttpRules b = backRules.get(be.get());
    if (b != null && !b.isEmpty()) {
      HttpRules.Outcome ob = b.apply(req);
      if (ob.answer().isPresent()) {
        return new Answered(ob.answer().get());
      }
      req = ob.request();
    }
    return new Routed(routes.get(be.get()), req);
  }

  /** haproxy's 503 when no backend takes the request. */
  private static Answer noServer() {
    return new Answer(503, "Service Unavailable", List.of(Map.entry("cache-control", "no-cache"),
        Map.entry("content-type", "text/html")), "<html><body><h1>503 Service Unavailable</h1>\n"
        + "No server is available to handle this request.\n</body></html>\n");
  }
}
