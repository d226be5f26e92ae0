package lbchaos.report.model;

import java.util.List;

/**
 * What happened over one scenario, in microseconds since the epoch (the clock every container
 * shares).
 *
 * @param requests one per client request, in any order
 * @param faults injected faults, from inject to heal
 * @param lanes state rows, e.g. one per LB (VRRP state) and one for the VIP holder as the wire
 *     observer saw it
 * @param marks instants worth a flag, e.g. the proxy marking "webserver-1 DOWN"
 */
public record Timeline(long startMicros, long endMicros, List<RequestDot> requests,
    List<Span> faults, List<Lane> lanes, List<Mark> marks) {

  public Timeline {
    Checks.order(startMicros, endMicros, "timeline");
    requests = Checks.list(requests, "requests");
    faults = Checks.list(faults, "faults");
    lanes = Checks.list(lanes, "lanes");
    marks = Checks.list(marks, "marks");
  }

  public double seconds() {
    return (endMicros - startMicros) / 1e6;
  }

  /** Seconds from the start of the timeline to {@code micros}. */
  public double offset(long micros) {
    return (micros - startMicros) / 1e6;
  }
}
