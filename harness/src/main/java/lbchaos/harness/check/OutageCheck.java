package lbchaos.harness.check;

import lbchaos.verdict.Verdict;
import lbchaos.verdict.Bound;
import static lbchaos.harness.check.Figures.s;
import static lbchaos.harness.check.Figures.seconds;

import java.util.List;
import java.util.Optional;
import lbchaos.event.ProbeSample;
import lbchaos.harness.history.FaultWindow;
import lbchaos.harness.history.History;

/**
 * Client-visible outage around a fault: from the last successful probe that started before the
 * fault's first failed request to the first successful probe that started after it. Probe start times are used
 * on both sides so the figure does not depend on how long an answer took; its resolution is the
 * probe interval (50 ms at the default 20 req/s).
 */
@com.fasterxml.jackson.annotation.JsonTypeName("client-outage")
record OutageCheck(String fault, Bound bound) implements Checker {

  static final String NAME = "client-outage";

  @Override
  public Verdict check(History h) {
    Optional<FaultWindow> w = h.faultWindows().stream().filter(f -> f.matches(fault)).findFirst();
    if (w.isEmpty()) {
      return Verdict.unknown(NAME, Figures.of().put("bound_s", bound.seconds()).map(),
          "no inject of fault " + (fault == null ? "*" : fault) + " in the history, so there is"
              + " no outage to measure").judgedBy("outage_s", bound);
    }
    long inject = w.get().injectAt();
    List<ProbeSample> probes = h.probes();
    // The outage is the window of failures the fault caused: it starts after the last success
    // before the first failure that ended after the inject (a request in flight when the fault
    // hit counts), and ends at the first success started after that failure. Answers that
    // raced the fault's action (a kill takes a few tens of ms) do not shorten it.
    Optional<ProbeSample> firstFailure = probes.stream()
        .filter(p -> !p.ok() && p.endAt() >= inject).findFirst();
    long pivot = firstFailure.map(ProbeSample::at).orElse(inject);
    Optional<ProbeSample> before = probes.stream().filter(p -> p.ok() && p.at() < pivot)
        .reduce((a, b) -> b);
    Optional<ProbeSample> after = probes.stream().filter(p -> p.ok() && p.at() > pivot)
        .findFirst();
    Figures f = Figures.of();
    if (before.isEmpty()) {
      // Without a baseline there is nothing to measure the outage from: the evidence is
      // missing (the probe did not run, or never got through), not a failover that failed.
      return Verdict.unknown(NAME, f.put("bound_s", bound.seconds()).map(),
          "no successful probe before the fault at " + inject + ", so the healthy baseline was"
              + " never shown").judgedBy("outage_s", bound);
    }
    long from = before.get().at();
    long to = after.map(ProbeSample::at).orElse(h.endMicros().orElse(from));
    long failed = probes.stream().filter(p -> !p.ok() && p.at() > from && p.at() < to).count();
    double outage = seconds(to - from);
    f.put("outage_s", outage).put("bound_s", bound.seconds()).put("failed_requests", failed)
        .put("recovered", after.isPresent() ? 1 : 0);
    if (after.isEmpty()) {
      return new Verdict(NAME, false, f.map(), "clients never got an answer again after the fault"
          + " (at least " + s(outage) + " until the end of the history), bound "
          + bound.describe()).judgedBy("outage_s", bound);
    }
    boolean ok = to - from <= bound.micros();
    return new Verdict(NAME, ok, f.map(), "client-visible outage " + s(outage) + (ok ? " within"
        : " exceeds") + " bound " + bound.describe() + ", " + failed + " failed requests")
        .judgedBy("outage_s", bound);
  }
}
