package lbchaos.proxy.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The http-request actions (and "redirect" rules) the agent runs, as haproxy 2.6 does (manual
 * 4.2 "http-request", "redirect"; http_act.c, http_ana.c). A header's value may hold sample
 * expressions ({@link HeaderValue}); other values are literal: a log-format one ("%[...]") is
 * refused by the parser.
 */
public sealed interface HttpAction {

  /** Whether the rules stop here (deny, return, redirect, allow). */
  boolean isFinal();

  /**
   * deny [deny_status|status N]: haproxy's page for N (403 by default).
   */
  record Deny(int status) implements HttpAction {
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
   * return [status N] [content-type T] [string S]: without a payload an empty response of
   * status N ("dummy response", content-type ignored); with one, T and S.
   */
  record Return(int status, String contentType, String body) implements HttpAction {
    public boolean isFinal() {
      return true;
    }

    Answer answer() {
      List<Map.Entry<String, String>> h = new ArrayList<>();
      if (body != null) {
        h.add(Map.entry("content-type", contentType));
      }
      return new Answer(status, Answer.reason(status), h, body == null ? "" : body);
    }
  }

  /** redirect location|prefix|scheme V [code C] [drop-query] [append-slash]. */
  record Redirect(Kind kind, String value, int code, boolean dropQuery, boolean appendSlash)
      implements HttpAction {

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
      if (kind == Kind.LOCATION) {
        return value;
      }
      // the path with its query, from the first slash; "/" when there is none ("*")
      String path = r.pathAndQuery().orElse("/");
      if (dropQuery && path.indexOf('?') >= 0) {
        path = path.substring(0, path.indexOf('?'));
      }
      StringBuilder loc = new StringBuilder();
      if (kind == Kind.SCHEME) {
        List<String> host = r.fullValues("host");
        loc.append(value).append("://").append(host.isEmpty() ? "" : host.getFirst());
      } else if (!value.equals("/")) {
        loc.append(value); // a prefix of exactly "/" adds nothing: a redirect to the same URL
      }
      loc.append(path);
      if (appendSlash && !loc.isEmpty() && loc.charAt(loc.length() - 1) != '/') {
        loc.append('/');
      }
      return loc.toString();
    }

    Answer answer(Request r) {
      return new Answer(code, Answer.reason(code), List.of(Map.entry("location", location(r))),
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
