package lbchaos.proxy.net;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.proxy.acl.Answer;
import lbchaos.proxy.acl.HttpRules;
import lbchaos.proxy.acl.Request;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.ForwardFor;
import lbchaos.proxy.config.Frontend;
import lbchaos.proxy.config.HttpReuse;
import lbchaos.proxy.stick.Tables;
import lbchaos.proxy.stick.Tracking;

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
   * @param bodyFirst the backend's "option http-buffer-request", when its frontend has not the
   *     option (then the body is in before the frontend's rules): the body is read before the
   *     backend's rules run, for at most {@code bodyWait}, the backend's "timeout http-request"
   *     (haproxy 2.6 proxy.c stream_set_backend, http_ana.c http_wait_for_request_body)
   * @param pages its errorfiles, then its frontend's
   * @param afterRules the sections whose http-after-response rules every answer of the route
   *     gets, the server's and the proxy's own: the backend's, then the frontend's
   * @param frontAfter the same before a backend is chosen: the frontend's alone
   * @param backend the backend chosen, servers or not, which the log names (null: none)
   */
  record Route(Connector connector, ForwardFor.Sides forwardFor,
      Optional<Duration> serverTimeout, HttpReuse reuse, boolean bodyFirst,
      Optional<Duration> bodyWait, List<HttpRules> responseRules, ErrorPages pages,
      List<HttpRules> afterRules, List<HttpRules> frontAfter, BackendPool backend) {

    /** No backend: every request is answered 503. */
    static final Route NONE = new Route(null, ForwardFor.Sides.NONE, Optional.empty(),
        HttpReuse.CLOSE, false, Optional.empty(), List.of(), ErrorPages.BUILT_IN, List.of(),
        List.of(), null);

    /**
     * {@code answer} (in {@link Request#response}) as the http-after-response rules of
     * {@code sections} leave it, in order (haproxy 2.6 http_eval_after_res_rules).
     */
    static Request after(List<HttpRules> sections, Request answer) {
      Request out = answer;
      for (HttpRules rules : sections) {
        out = rules.applyAfterResponse(out);
      }
      return out;
    }

    /**
     * The answer {@code r} carries, as the http-response rules leave it: the backend's, then
     * the frontend's (haproxy 2.6 http_process_res_common), each section's with its own ACLs;
     * or a deny's answer instead.
     */
    HttpRules.Outcome answer(Request r) {
      HttpRules.Outcome o = new HttpRules.Outcome(r, Optional.empty(), Optional.empty());
      for (HttpRules rules : responseRules) {
        o = rules.applyResponse(o.request());
        if (o.answer().isPresent()) {
          return o;
        }
      }
      return o;
    }

    /**
     * Frontend {@code f}'s route to the backend of {@code c} (null: none): its forwardfor
     * beside the frontend's, its timeout server, and its http-reuse unless the frontend has
     * option http-server-close, which closes every server connection of its requests whatever
     * the backend says (haproxy 2.6 reads the option on either side). {@code pages}: the
     * backend's errorfiles, then the frontend's.
     */
    static Route of(Frontend f, Connector c, ErrorPages pages) {
      List<HttpRules> front = f.rules().httpAfterResponse().isEmpty() ? List.of()
          : List.of(f.rules());
      if (c == null) {
        return new Route(null, new ForwardFor.Sides(f.forwardFor(), Optional.empty()),
            Optional.empty(), HttpReuse.CLOSE, false, Optional.empty(), List.of(), pages, front,
            front, null);
      }
      Backend b = c.pool().config();
      boolean servers = !b.servers().isEmpty();
      List<HttpRules> answers = java.util.stream.Stream.of(b.rules(), f.rules())
          .filter(r -> !r.httpResponse().isEmpty()).toList();
      List<HttpRules> after = java.util.stream.Stream.of(b.rules(), f.rules())
          .filter(r -> !r.httpAfterResponse().isEmpty()).toList();
      return new Route(servers ? c : null, new ForwardFor.Sides(f.forwardFor(), b.forwardFor()),
          b.timeouts().server(), servers && !f.serverClose() ? b.httpReuse() : HttpReuse.CLOSE,
          b.bufferRequest() && !f.bufferRequest(), b.timeouts().httpRequest(), answers, pages,
          after, front, c.pool());
    }
  }

  /**
   * A rule answered, or the request (as the rules left it) goes to a route, or its body is to be
   * read first ({@link BodyFirst}, then {@link #resume}).
   */
  sealed interface Decision {}

  /**
   * A rule's answer: the frontend's ({@code backend} null) or the backend's of that route,
   * which the log names and whose errorfiles come first.
   */
  record Answered(Answer answer, Route backend) implements Decision {}

  record Routed(Route route, Request request) implements Decision {}

  /**
   * The request's body is to be read first, for at most {@code limit}, until {@code atLeast} of
   * its bytes are in (0: all of it or a full buffer): a backend's "option http-buffer-request"
   * (before its rules) or a wait-for-body rule. Then the rules go on from rule {@code next}: the
   * frontend's ({@code backend} null) or {@code backend}'s, whose route {@code route} is (null
   * for the frontend's).
   */
  record BodyFirst(Optional<Duration> limit, long atLeast, String backend, Route route,
      Request request, int next) implements Decision {}

  /**
   * Without rules: straight to {@code r}, or once the body is in when its backend buffers (then
   * {@code backend} and {@code request} are null: nothing is left to run but the route).
   */
  static Decision direct(Route r) {
    return r.bodyFirst() ? new BodyFirst(r.bodyWait(), 0, null, r, null, 0)
        : new Routed(r, null);
  }

  private final HttpRules front;
  private final Optional<String> defaultBackend;
  private final Map<String, Route> routes;
  private final Map<String, HttpRules> backRules;
  private final Tables tables;

  Routing(HttpRules front, Optional<String> defaultBackend, Map<String, Route> routes,
      Map<String, HttpRules> backRules, Tables tables) {
    this.front = front;
    this.defaultBackend = defaultBackend;
    this.routes = Map.copyOf(routes);
    this.backRules = Map.copyOf(backRules);
    this.tables = tables;
  }

  /** A request's stick counters, on the configuration's tables (none without tables). */
  Tracking tracking() {
    return tables.isEmpty() ? Tracking.NONE : new Tracking(tables);
  }

  Decision decide(Request r) {
    return front(r, 0);
  }

  /** Goes on where {@code b} stopped the rules, its wait over. */
  Decision resume(BodyFirst b) {
    return b.backend() == null ? front(b.request(), b.next())
        : backend(b.backend(), b.request(), b.next());
  }

  /** A wait-for-body rule's wait (its time 0: no limit but "timeout client"). */
  private static BodyFirst paused(HttpRules.Pause p, String be, Route route, Request r) {
    return new BodyFirst(p.time().isZero() ? Optional.empty() : Optional.of(p.time()),
        p.atLeast(), be, route, r, p.next());
  }

  /** The frontend's rules from rule {@code from} on, then its choice of backend. */
  private Decision front(Request r, int from) {
    HttpRules.Outcome o = front.apply(r, from);
    if (o.answer().isPresent()) {
      return new Answered(o.answer().get(), null);
    }
    if (o.pause().isPresent()) {
      return paused(o.pause().get(), null, null, o.request());
    }
    Optional<String> be = front.backend(o.request()).filter(routes::containsKey)
        .or(() -> defaultBackend);
    if (be.isEmpty()) {
      return new Answered(Answer.page(503), null); // no backend takes it
    }
    Route route = routes.get(be.get());
    return route.bodyFirst() ? new BodyFirst(route.bodyWait(), 0, be.get(), route, o.request(), 0)
        : backend(be.get(), o.request(), 0);
  }

  /**
   * Backend {@code be}'s own rules, from rule {@code from} on, on {@code req}, which the
   * frontend's sent there.
   */
  private Decision backend(String be, Request req, int from) {
    HttpRules b = backRules.get(be);
    if (b != null && !b.isEmpty()) {
      HttpRules.Outcome ob = b.apply(req, from);
      if (ob.answer().isPresent()) {
        return new Answered(ob.answer().get(), routes.get(be));
      }
      if (ob.pause().isPresent()) {
        return paused(ob.pause().get(), be, routes.get(be), ob.request());
      }
      req = ob.request();
    }
    return new Routed(routes.get(be), req);
  }
}
