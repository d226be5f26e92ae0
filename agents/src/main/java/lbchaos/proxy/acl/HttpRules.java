package lbchaos.proxy.acl;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of one proxy section: its ACLs, "http-request" rules, "redirect" rules, (in a
 * frontend or listen) "use_backend" rules, "http-response" and "http-after-response" rules,
 * evaluated as haproxy 2.6 does
 * (http_ana.c http_process_req_common, then process_switching_rules): the http-request rules in
 * order, the first deny/return/redirect answering and allow ending them, set/add/del-header
 * changing the request the later rules see; then the redirect rules; then the first use_backend
 * whose condition holds.
 */
public record HttpRules(Map<String, Acl> acls, List<Rule> httpRequest, List<Rule> redirects,
    List<Switch> useBackends, List<Rule> httpResponse, List<Rule> httpAfterResponse) {

  /** An action with its optional condition; {@code line} in the config. */
  public record Rule(HttpAction action, Optional<Condition> condition, int line) {
    public Rule {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(condition, "condition");
    }
  }

  /**
   * "use_backend NAME [if|unless COND]": NAME as written, or, when it holds a '%', the value the
   * request gives it ({@code dynamic}, haproxy's log-format name).
   */
  public record Switch(String backend, Optional<Condition> condition, int line,
      Optional<HeaderValue> dynamic) {
    public Switch {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(dynamic, "dynamic");
    }

    public Switch(String backend, Optional<Condition> condition, int line) {
      this(backend, condition, line, Optional.empty());
    }
  }

  /**
   * What the rules made of a request: the request as later stages see it (headers set or
   * deleted) and, when a rule answered, the answer (the request then goes nowhere); or, when a
   * wait-for-body rule stopped them, where they go on once the body is in.
   */
  public record Outcome(Request request, Optional<Answer> answer, Optional<Pause> pause) {
    Outcome(Request request, Optional<Answer> answer) {
      this(request, answer, Optional.empty());
    }
  }

  /** A wait-for-body rule's wait; the rules go on from rule {@code next} ({@link #apply}). */
  public record Pause(java.time.Duration time, long atLeast, int next) {}

  public static final HttpRules NONE = new HttpRules(Map.of(), List.of(), List.of(), List.of(),
      List.of(), List.of());

  public HttpRules {
    acls = Map.copyOf(acls);
    httpRequest = List.copyOf(httpRequest);
    redirects = List.copyOf(redirects);
    useBackends = List.copyOf(useBackends);
    httpResponse = List.copyOf(httpResponse);
    httpAfterResponse = List.copyOf(httpAfterResponse);
  }

  /** Whether there is anything to run on a request (the session's fast path when not). */
  public boolean isEmpty() {
    return httpRequest.isEmpty() && redirects.isEmpty() && useBackends.isEmpty();
  }

  private boolean applies(Optional<Condition> c, Request r) {
    return c.isEmpty() || c.get().holds(acls, r);
  }

  /**
   * Runs the http-response rules on {@code r} (its answer in {@link Request#response}), in
   * order: each header action edits the answer the later rules see (haproxy 2.6
   * http_process_res_common; the backend's rules, then the frontend's, are the caller's); a
   * deny's, return's or redirect's answer replaces the server's (not counted as an HTTP error,
   * as on a request).
   */
  public Outcome applyResponse(Request r) {
    return applyResponse(httpResponse, r);
  }

  /**
   * Runs the http-after-response rules on {@code r} (its answer in {@link Request#response}),
   * as the http-response rules run (haproxy 2.6 http_eval_after_res_rules; the backend's rules,
   * then the frontend's, are the caller's): their actions are the header actions, set-status
   * and allow, on the server's answers and on the proxy's own.
   */
  public Request applyAfterResponse(Request r) {
    return applyResponse(httpAfterResponse, r).request();
  }

  private Outcome applyResponse(List<Rule> rules, Request r) {
    Request cur = r;
    for (Rule rule : rules) {
      if (applies(rule.condition(), cur)) {
        if (rule.action() instanceof HttpAction.Allow) {
          break; // the section's later http-response rules do not run
        }
        if (rule.action() instanceof HttpAction.Deny d) {
          // haproxy erases the server's answer before it builds the reply: its fetches give
          // nothing there (2.6.12: "%[status]" wrote nothing)
          return new Outcome(cur, Optional.of(d.reply().answer(cur.erased()).asRefusal()));
        }
        if (rule.action() instanceof HttpAction.Return ret) {
          return new Outcome(cur, Optional.of(ret.reply().answer(cur.erased())));
        }
        if (rule.action() instanceof HttpAction.Redirect red) {
          // built before the answer is erased: 2.6.12 wrote "/a1200" for "/a%[res.hdr(x-a)]
          // %[status]" where a return's "r=%[res.hdr(x-stop)]" gave "r="
          return new Outcome(cur, Optional.of(red.answer(cur)));
        }
        cur = edit(rule.action(), cur);
      }
    }
    return new Outcome(cur, Optional.empty());
  }

  /** Runs the http-request rules, then the redirect rules, on {@code r}. */
  public Outcome apply(Request r) {
    return apply(r, 0);
  }

  /** The same from http-request rule {@code from} on: where a {@link Pause} left them. */
  public Outcome apply(Request r, int from) {
    Request cur = r;
    for (int i = from; i < httpRequest.size(); i++) {
      Rule rule = httpRequest.get(i);
      if (!applies(rule.condition(), cur)) {
        continue;
      }
      if (rule.action() instanceof HttpAction.WaitForBody w) {
        return new Outcome(cur, Optional.empty(), Optional.of(new Pause(w.time(), w.atLeast(),
            i + 1)));
      }
      Optional<Answer> a = answer(rule.action(), cur);
      if (a.isPresent()) {
        return new Outcome(cur, a);
      }
      if (rule.action() instanceof HttpAction.Allow) {
        break;
      }
      cur = edit(rule.action(), cur);
    }
    for (Rule rule : redirects) {
      if (applies(rule.condition(), cur)) {
        return new Outcome(cur, answer(rule.action(), cur));
      }
    }
    return new Outcome(cur, Optional.empty());
  }

  /**
   * The backend of the first use_backend rule whose condition holds (its name rendered, when
   * the rule's is a format: a name no backend has then means the default, as in haproxy's
   * process_switching_rules, which tries no later rule); empty: the default.
   */
  public Optional<String> backend(Request r) {
    for (Switch s : useBackends) {
      if (applies(s.condition(), r)) {
        return Optional.of(s.dynamic().map(d -> d.render(r)).orElse(s.backend()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Answer> answer(HttpAction a, Request r) {
    return switch (a) {
      case HttpAction.Deny d -> {
        r.tracking().httpError(); // haproxy counts a deny as an HTTP error (http_ana.c deny:)
        yield Optional.of(d.reply().answer(r).asRefusal());
      }
      case HttpAction.Return ret -> Optional.of(ret.reply().answer(r));
      case HttpAction.Redirect red -> Optional.of(red.answer(r));
      default -> Optional.empty();
    };
  }

  private static Request edit(HttpAction a, Request r) {
    return switch (a) {
      case HttpAction.SetHeader s -> r.withHeaderSet(s.name(), s.value().render(r));
      case HttpAction.AddHeader s -> r.withHeaderAdded(s.name(), s.value().render(r));
      case HttpAction.DelHeader d -> r.withHeadersRemoved(d::removes);
      case HttpAction.SetLine l -> l.apply(r);
      case HttpAction.ReplaceLine l -> l.apply(r);
      case HttpAction.ReplaceHeader h -> h.apply(r);
      case HttpAction.SetVar v -> v.apply(r);
      case HttpAction.SetStatus st -> r.withStatus(st.status(), st.reason());
      case HttpAction.Track t -> {
        t.apply(r);
        yield r;
      }
      default -> r;
    };
  }
}
