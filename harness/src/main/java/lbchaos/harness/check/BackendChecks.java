package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lbchaos.event.ProbeSample;
import lbchaos.event.ServerState;
import lbchaos.harness.history.FaultWindow;
import lbchaos.harness.history.History;

/**
 * A backend taken out of rotation after its fault, and back in after the heal. The proxies'
 * ServerState events give the time; when several proxies report (one per LB), the slowest one
 * counts, since any of them may be the one serving after a failover. Probes give the
 * client-side view: failed requests until the proxy gave up on the backend, and the first
 * answer from it after the heal.
 *
 * @param server the proxy's name for it ("backend-1", or "apiserver/backend-1")
 * @param answerName the name the backend puts in its answers ("webserver-1")
 */
@com.fasterxml.jackson.annotation.JsonTypeName("backend")
record BackendChecks(String server, String answerName, Bound bound, boolean rejoin)
    implements Checker {

  @Override
  public Verdict check(History h) {
    String name = rejoin ? "backend-rejoin" : "backend-down";
    Optional<FaultWindow> fw = fault(h);
    Figures f = Figures.of().put("bound_s", bound.seconds());
    if (fw.isEmpty() || (rejoin && fw.get().healAt().isEmpty())) {
      return Verdict.unknown(name, f.map(), "no " + (rejoin ? "healed " : "") + "fault in the"
          + " history to time " + server + (rejoin ? " rejoining" : " going down") + " from")
          .judgedBy(rejoin ? "rejoin_s" : "detection_s", bound);
    }
    long origin = rejoin ? fw.get().healAt().orElseThrow() : fw.get().injectAt();
    long until = rejoin ? Long.MAX_VALUE : fw.get().healAt().orElse(Long.MAX_VALUE);
    Map<String, Long> bySource = new TreeMap<>();
    for (ServerState st : h.of(ServerState.class)) {
      if (matches(st) && st.up() == rejoin && st.at() >= origin && st.at() < until) {
        bySource.putIfAbsent(st.source(), st.at());
      }
    }
    List<ProbeSample> probes = h.probes().stream().filter(p -> p.at() >= origin && p.at() < until)
        .toList();
    String key = rejoin ? "rejoin_s" : "detection_s";
    if (rejoin) {
      probes.stream().filter(p -> p.ok() && answerName.equals(p.backend())).findFirst()
          .ifPresent(p -> f.put("first_answer_s", seconds(p.at() - origin)));
    }
    if (bySource.isEmpty()) {
      return new Verdict(name, false, f.map(), "no proxy marked " + server
          + (rejoin ? " UP after the heal" : " DOWN after the fault")).judgedBy(key, bound);
    }
    Map.Entry<String, Long> slowest = bySource.entrySet().stream()
        .max(Map.Entry.comparingByValue()).orElseThrow();
    long d = slowest.getValue() - origin;
    f.put(key, seconds(d)).put("proxies_reporting", bySource.size());
    String tail;
    if (!rejoin) {
      long failed = probes.stream().filter(p -> !p.ok() && p.at() <= slowest.getValue()).count();
      f.put("failed_requests", failed);
      tail = ", " + failed + " failed requests before that";
    } else {
      tail = f.map().containsKey("first_answer_s")
          ? ", first answer from " + answerName + " " + s(f.map().get("first_answer_s"))
              + " after the heal"
          : ", but no answer from " + answerName + " after the heal";
    }
    boolean ok = d <= bound.micros();
    String what = rejoin ? " back in rotation " : " marked down ";
    return new Verdict(name, ok, f.map(), server + what + s(d) + " after the "
        + (rejoin ? "heal" : "fault") + " (slowest proxy " + slowest.getKey() + "), "
        + (ok ? "within" : "beyond") + " bound " + bound.describe() + tail).judgedBy(key, bound);
  }

  /** The fault aimed at this backend, else the first fault. */
  private Optional<FaultWindow> fault(History h) {
    List<FaultWindow> all = h.faultWindows();
    return all.stream().filter(w -> answerName.equals(w.target()) || server.equals(w.target()))
        .findFirst().or(() -> all.stream().findFirst());
  }

  private boolean matches(ServerState st) {
    return server.equals(st.server()) || server.equals(st.backend() + "/" + st.server());
  }
}
