package lbchaos.proxy.acl;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import lbchaos.proxy.stick.Tracking;

/**
 * What ACLs and http-request rules see of one request: its line, its headers in order (names as
 * received), the connection's two ends and whether it came over TLS. No I/O: the session builds
 * one from the request it read, and set-header/del-header give a new one.
 *
 * @param uri the request target as received ("/a?b", or absolute "http://h/a?b", or "*")
 * @param version "1.0" or "1.1"
 * @param src the client's address and port (src, src_port)
 * @param dst the address and port the client connected to, the proxy's end (dst, dst_port)
 * @param response the answer, in http-response rules
 * @param vars the variables set-var set ("txn.x", "sess.y"...), their samples as they were
 * @param tracking the request's stick counters (track-sc), the same through every copy
 */
public record Request(String method, String uri, String version,
    List<Map.Entry<String, String>> headers, InetSocketAddress src, InetSocketAddress dst,
    boolean ssl, Optional<Response> response, Map<String, Object> vars, Tracking tracking) {

  public Request(String method, String uri, String version,
      List<Map.Entry<String, String>> headers, InetSocketAddress src, InetSocketAddress dst,
      boolean ssl) {
    this(method, uri, version, headers, src, dst, ssl, Optional.empty(), Map.of(),
        Tracking.NONE);
  }

  /** The request with {@code t} for its stick counters (the session's, one per request). */
  public Request withTracking(Tracking t) {
    return new Request(method, uri, version, headers, src, dst, ssl, response, vars, t);
  }

  /**
   * The exchange as http-response rules see it: its answer, whose headers the header actions
   * edit; the request's headers and line are not there any more (haproxy: a request fetch in a
   * response rule never matches).
   */
  public Request answered(Response r) {
    Map<String, Object> kept = new java.util.HashMap<>(vars);
    kept.keySet().removeIf(k -> k.startsWith("req."));
    return new Request(method, uri, version, List.of(), src, dst, ssl, Optional.of(r), kept,
        tracking);
  }

  /** The exchange once haproxy has erased the server's answer (an http-response deny). */
  Request erased() {
    return new Request(method, uri, version, List.of(), src, dst, ssl, Optional.empty(), vars,
        tracking);
  }

  /** The headers the header actions edit: the answer's in a response rule, else the request's. */
  List<Map.Entry<String, String>> edited() {
    return response.map(Response::headers).orElse(headers);
  }

  private Request edited(List<Map.Entry<String, String>> h) {
    return response.isPresent()
        ? new Request(method, uri, version, headers, src, dst, ssl, Optional.of(
            response.get().withHeaders(h)), vars, tracking)
        : new Request(method, uri, version, h, src, dst, ssl, response, vars, tracking);
  }

  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(version, "version");
    headers = List.copyOf(headers);
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Objects.requireNonNull(response, "response");
    vars = Map.copyOf(vars);
    Objects.requireNonNull(tracking, "tracking");
  }

  /**
   * The URI from its first slash (path and query), as haproxy's URI parser takes it: the
   * authority of an absolute URI is skipped; empty for "*" or a target without a slash.
   */
  public Optional<String> pathAndQuery() {
    String u = uri;
    if (!u.startsWith("/")) {
      int scheme = u.indexOf("://");
      if (scheme < 0) {
        return Optional.empty();
      }
      int slash = u.indexOf('/', scheme + 3);
      return slash < 0 ? Optional.empty() : Optional.of(u.substring(slash));
    }
    return Optional.of(u);
  }

  /** haproxy's "path": from the first slash to before the question mark. */
  public Optional<String> path() {
    return pathAndQuery().map(p -> {
      int q = p.indexOf('?');
      return q < 0 ? p : p.substring(0, q);
    });
  }

  /** haproxy's "query": after the first question mark; empty when there is none. */
  public Optional<String> query() {
    int q = uri.indexOf('?');
    return q < 0 ? Optional.empty() : Optional.of(uri.substring(q + 1));
  }

  /** Every full value of header {@code name} (case-insensitive), in order. */
  public List<String> fullValues(String name) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        out.add(h.getValue());
      }
    }
    return out;
  }

  /**
   * Every comma-separated value of header {@code name} ({@link Commas}), in order: what
   * haproxy's "hdr" iterates over in an ACL.
   */
  public List<String> values(String name) {
    List<String> out = new ArrayList<>();
    for (String v : fullValues(name)) {
      out.addAll(Commas.values(v));
    }
    return out;
  }

  /**
   * The headers with {@code name} removed (every occurrence), then added with {@code value}: the
   * request's, or in a response rule the answer's.
   */
  public Request withHeaderSet(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(without(name));
    h.add(Map.entry(name, value));
    return edited(h);
  }

  public Request withHeaderAdded(String name, String value) {
    List<Map.Entry<String, String>> h = new ArrayList<>(edited());
    h.add(Map.entry(name, value));
    return edited(h);
  }

  /** Without the headers whose name {@code remove} accepts (given in lower case). */
  public Request withHeadersRemoved(java.util.function.Predicate<String> remove) {
    return edited(edited().stream()
        .filter(e -> !remove.test(e.getKey().toLowerCase(Locale.ROOT))).toList());
  }

  /** The exchange with its answer's status line set (http-response set-status). */
  Request withStatus(int status, String reason) {
    Response a = response.orElseThrow();
    return new Request(method, uri, version, headers, src, dst, ssl, Optional.of(
        new Response(status, reason, a.version(), a.headers())), vars, tracking);
  }

  /** The exchange with variable {@code name} ("txn.x") set to {@code value}, or unset (null). */
  public Request withVar(String name, Object value) {
    Map<String, Object> v = new java.util.HashMap<>(vars);
    if (value == null) {
      v.remove(name);
    } else {
      v.put(name, value);
    }
    return new Request(method, uri, version, headers, src, dst, ssl, response, v, tracking);
  }

  /** The exchange with {@code more} variables (the session's, carried from the last request). */
  public Request withVars(Map<String, Object> more) {
    if (more.isEmpty()) {
      return this;
    }
    Map<String, Object> v = new java.util.HashMap<>(vars);
    v.putAll(more);
    return new Request(method, uri, version, headers, src, dst, ssl, response, v, tracking);
  }

  /** The request with {@code target} as its target (set-path, set-uri...). */
  public Request withUri(String target) {
    return new Request(method, target, version, headers, src, dst, ssl, response, vars,
        tracking);
  }

  public Request withMethod(String m) {
    return new Request(m, uri, version, headers, src, dst, ssl, response, vars, tracking);
  }

  /** Each line of header {@code name}, in its place, with the value {@code edit} gives it. */
  public Request withHeaderValues(String name,
      java.util.function.UnaryOperator<String> edit) {
    return edited(edited().stream().map(e -> e.getKey().equalsIgnoreCase(name)
        ? Map.entry(e.getKey(), edit.apply(e.getValue())) : e).toList());
  }

  private List<Map.Entry<String, String>> without(String name) {
    return edited().stream().filter(e -> !e.getKey().equalsIgnoreCase(name)).toList();
  }
}
