package lbchaos.harness.check;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import lbchaos.harness.history.History;
import lbchaos.verdict.Verdict;

/**
 * Looks at a History and says whether it is acceptable, with figures. Pure: no I/O.
 *
 * <p>A check is data: a record of its name and parameters (bounds with their derivations,
 * windows as times), so the checks a scenario chose are written into its history file and the
 * same verdicts can be computed again later, offline ({@code lbchaos check}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "check")
@JsonSubTypes({
    @JsonSubTypes.Type(Checks.All.class),
    @JsonSubTypes.Type(Checks.Window.class),
    @JsonSubTypes.Type(Checks.SuccessRate.class),
    @JsonSubTypes.Type(OutageCheck.class),
    @JsonSubTypes.Type(BackendChecks.class),
    @JsonSubTypes.Type(ProbeChecks.FailedRequests.class),
    @JsonSubTypes.Type(ProbeChecks.RoundRobin.class),
    @JsonSubTypes.Type(ProbeChecks.ServedOnlyBy.class),
    @JsonSubTypes.Type(WeightedShares.class),
    @JsonSubTypes.Type(VipChecks.SingleVipHolder.class),
    @JsonSubTypes.Type(VipChecks.ExpectedMaster.class),
    @JsonSubTypes.Type(WireChecks.WireSingleMaster.class),
    @JsonSubTypes.Type(WireChecks.WireSplitBrain.class),
    @JsonSubTypes.Type(NeighbourChecks.ClientArp.class),
    @JsonSubTypes.Type(SoakVipCheck.class),
    @JsonSubTypes.Type(NotifyChecks.FollowStates.class),
    @JsonSubTypes.Type(NotifyChecks.LastState.class),
    @JsonSubTypes.Type(NotifyChecks.SameOrder.class),
    @JsonSubTypes.Type(Intervals.Interval.class),
    @JsonSubTypes.Type(AdvertChecks.PriorityKept.class),
    @JsonSubTypes.Type(AdvertChecks.AdvertInterval.class),
    @JsonSubTypes.Type(Intervals.Held.class),
    @JsonSubTypes.Type(DegradedChecks.StayedUp.class),
    @JsonSubTypes.Type(DegradedChecks.InRotation.class),
    @JsonSubTypes.Type(DegradedChecks.AnswerDelay.class),
    @JsonSubTypes.Type(DegradedChecks.LossyFailures.class),
    @JsonSubTypes.Type(DegradedChecks.CutAtServerTimeout.class),
    @JsonSubTypes.Type(DegradedChecks.CutAtHttpRequest.class),
    @JsonSubTypes.Type(DegradedChecks.ServedMeanwhile.class),
    @JsonSubTypes.Type(DegradedChecks.NoFailureAfterDown.class),
    @JsonSubTypes.Type(Intervals.Recorded.class),
    @JsonSubTypes.Type(GarpChecks.GarpTiming.class),
    @JsonSubTypes.Type(AccessLogChecks.EachProbeLogged.class),
})
public interface Checker {

  Verdict check(History history);

  /** This and another check; valid when both are. */
  default Checker and(Checker other) {
    return Checks.all(this, other);
  }

  /** The same check on the events with {@code from <= at < to} (microseconds). */
  default Checker within(long fromMicros, long toMicros) {
    return new Checks.Window(fromMicros, toMicros, this);
  }
}
