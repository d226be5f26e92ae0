package lbchaos.proxy.acl;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import lbchaos.proxy.stick.Tracking;

/**
 * The http-request actions (and "redirect" rules) the agent runs, as haproxy 2.6 does (manual
 * 4.2 "http-request", "redirect"; http_act.c, http_ana.c). A header's value and the request
 * line's new parts may hold sample expressions ({@link HeaderValue}); other values are literal:
 * a log-format one ("%[...]") is refused by the parser.
 */
public sealed interface HttpAction {

  /** Whether the rules stop here (deny, return, redirect, allow). */
  boolean isFinal();

  /** deny: its reply, logged as the proxy's refusal. */
  record Deny(Reply reply) implements HttpAction {
    public boolean isFinal() {
      return true;
    }
  }

  /** allow: no further http-request rule of this section runs. */
  record Allow() implements HttpAction {
    public boolean isFinal() {
      return true;
    }
  }

  /**
   * track-scN KEY [table T]: counter {@code slot} holds the entry of KEY's sample in table T and
   * counts the request there, unless it holds one already (http_act.c http_action_track_sc); a
   * sample that does not convert to the table's key, or a full table, tracks nothing.
   */
  record Track(int slot, SampleExpr key, String table) implements HttpAction {
    public Track {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(table, "table");
    }

    public boolean isFinal() {
      return false;
    }

    void apply(Request r) {
      Tracking t = r.tracking();
      if (t.tracks(slot)) {
        return;
      }
      t.table(table).ifPresent(tb -> key.sample(r).flatMap(s -> StickKey.of(s, tb.config()))
          .ifPresent(k -> t.track(slot, tb, k)));
    }
  }

  /**
   * http-response set-status N [reason R]: the answer's status line says N and R, or the reason
   * haproxy writes for N (http_ana.c http_res_set_status).
   */
  record SetStatus(int status, String reason) implements HttpAction {
    public SetStatus {
      Objects.requireNonNull(reason, "reason");
    }

    public boolean isFinal() {
      return false;
    }
  }

  /** return: its reply, the proxy's own answer. */
  record Return(Reply reply) implements HttpAction {
    public boolean isFinal() {
      return true;
    }
  }

  /**
   * redirect location|prefix|scheme V [code C] [drop-query] [append-slash]: V a log-format value
   * in an http-request rule, literal in a section's "redirect" (http_rules.c use_fmt).
   */
  record Redirect(Kind kind, HeaderValue value, int code, boolean dropQuery,
      boolean appendSlash) implements HttpAction {

    public enum Kind { LOCATION, PREFIX, SCHEME }

    public Redirect {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(value, "value");
    }

    public boolean isFinal() {
      return true;
    }

    /** The Location, built as http_apply_redirect_rule does. */
    String location(Request r) {
      String v = value.render(r);
      if (kind == Kind.LOCATION) {
        return v;
      }
      // the path with its query, from the first slash; "/" when there is none ("*")
      String path = r.pathAndQuery().orElse("/");
      if (dropQuery && path.indexOf('?') >= 0) {
        path = path.substring(0, path.indexOf('?'));
      }
      StringBuilder loc = new StringBuilder();
      if (kind == Kind.SCHEME) {
        List<String> host = r.fullValues("host");
        loc.append(v).append("://").append(host.isEmpty() ? "" : host.getFirst());
      } else if (!v.equals("/")) {
        loc.append(v); // a prefix of exactly "/" adds nothing: a redirect to the same URL
      }
      loc.append(path);
      if (appendSlash && !loc.isEmpty() && loc.charAt(loc.length() - 1) != '/') {
        loc.append('/');
      }
      return loc.toString();
    }

    Answer answer(Request r) {
      // haproxy's redirect names its 302 "Found", its other replies "Moved Temporarily"
      return new Answer(code, code == 302 ? "Found" : Answer.reason(code),
          List.of(Map.entry("location", location(r))),
          "");
    }
  }

  /** set-header N V: every N removed, then N: V added (V a log-format value). */
  record SetHeader(String name, HeaderValue value) implements HttpAction {
    public boolean isFinal() {
      return false;
    }
  }

  /** add-header N V (V a log-format value). */
  record AddHeader(String name, HeaderValue value) implements HttpAction {
    public boolean isFinal() {
      return false;
    }
  }

  /** del-header N [-m str|beg|end|sub|reg]: the headers whose name matches, removed. */
  record DelHeader(String name, Match match, Pattern pattern) implements HttpAction {
    /** Names compare case-insensitively, as haproxy compares header names. */
    public DelHeader(String name, Match match) {
      this(name, match, match == Match.REG ? Pattern.regex(name, true)
          : Pattern.string(name, true));
    }

    public boolean isFinal() {
      return false;
    }

    boolean removes(String lowerName) {
      return match.test(lowerName, pattern);
    }
  }

  /**
   * set-method, set-path, set-pathq, set-query or set-uri FMT: that part of the request line
   * becomes FMT ({@link RequestLine#with}).
   */
  record SetLine(RequestLine.Part part, HeaderValue value) implements HttpAction {
    public boolean isFinal() {
      return false;
    }

    Request apply(Request r) {
      String v = value.render(r);
      return part == RequestLine.Part.METHOD ? r.withMethod(v)
          : r.withUri(RequestLine.with(r.uri(), part, v));
    }
  }

  /**
   * replace-path, replace-pathq or replace-uri REGEX FMT: when REGEX finds a match in that part,
   * the part becomes FMT with the match's groups in it ({@link RequestLine#expand}).
   */
  record ReplaceLine(RequestLine.Part part, java.util.regex.Pattern regex, HeaderValue value)
      implements HttpAction {
    public boolean isFinal() {
      return false;
    }

    Request apply(Request r) {
      var subject = RequestLine.subject(r, part);
      if (subject.isEmpty()) {
        return r;
      }
      var m = regex.matcher(subject.get());
      if (!m.find()) {
        return r;
      }
      String v = RequestLine.expand(value.render(r), m);
      return r.withUri(RequestLine.with(r.uri(), part, v));
    }
  }

  /**
   * replace-header (each line whole) or replace-value (each comma-separated value of each line)
   * NAME REGEX FMT: a value in which REGEX finds a match becomes FMT with its groups, the spaces
   * around it dropped; the rest of the line stays as it was (http_act.c http_replace_hdrs;
   * 2.6.12: "ab, bc , x" with ^b.* and z gives "ab,z, x").
   */
  record ReplaceHeader(String name, java.util.regex.Pattern regex, HeaderValue value,
      boolean eachValue) implements HttpAction {
    public boolean isFinal() {
      return false;
    }

    Request apply(Request r) {
      String fmt = value.render(r);
      return r.withHeaderValues(name, line -> eachValue ? eachValue(line, fmt)
          : replaced(line, fmt).orElse(line));
    }

    private java.util.Optional<String> replaced(String v, String fmt) {
      var m = regex.matcher(v);
      return m.find() ? java.util.Optional.of(RequestLine.expand(fmt, m))
          : java.util.Optional.empty();
    }

    /** Each value between commas (outside quotes), its spaces aside, replaced in place. */
    private String eachValue(String line, String fmt) {
      StringBuilder out = new StringBuilder();
      int start = 0;
      for (int end : Commas.ends(line)) {
        int from = start;
        int to = end;
        while (from < to && (line.charAt(from) == ' ' || line.charAt(from) == '\t')) {
          from++;
        }
        while (to > from && (line.charAt(to - 1) == ' ' || line.charAt(to - 1) == '\t')) {
          to--;
        }
        // a value replaced takes the spaces around it with it (http_replace_header_value)
        out.append(replaced(line.substring(from, to), fmt).orElse(line.substring(start, end)));
        if (end < line.length()) {
          out.append(',');
        }
        start = end + 1;
      }
      return out.toString();
    }
  }

  /**
   * set-var(NAME) EXPR, set-var-fmt(NAME) FMT, unset-var(NAME) (vars.c): the expression's one
   * sample, kept with its type (none: the variable is left as it was), or the format's text,
   * or the variable removed.
   *
   * @param expr the expression, null for set-var-fmt or unset-var
   * @param format the format, null for set-var or unset-var
   */
  record SetVar(String name, SampleExpr expr, HeaderValue format) implements HttpAction {
    public boolean isFinal() {
      return false;
    }

    Request apply(Request r) {
      if (expr != null) {
        return expr.sample(r).map(v -> r.withVar(name, v)).orElse(r);
      }
      return r.withVar(name, format == null ? null : format.render(r));
    }
  }

  /**
   * wait-for-body time T [at-least N]: the rules stop until the request's body is all in, or N
   * bytes of it (0: all), or haproxy's buffer is full, for at most T (0: no limit but "timeout
   * client"); then 408 (http_act.c http_action_wait_for_body, http_ana.c
   * http_wait_for_msg_body). The session does the waiting; the rules go on after it.
   */
  record WaitForBody(java.time.Duration time, long atLeast) implements HttpAction {
    public boolean isFinal() {
      return false;
    }
  }
}
