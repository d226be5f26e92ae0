package lbchaos.observer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lbchaos.event.AdvertSeen;
import lbchaos.observer.WireView.Overlap;
import lbchaos.observer.WireView.Span;
import org.junit.jupiter.api.Test;

class WireViewTest {

  private static final long S = 1_000_000; // one second in micros
  private static final String A = "10.0.0.48";
  private static final String B = "10.0.0.49";

  private static AdvertSeen advert(long at, String from, int vrid, int priority) {
    return new AdvertSeen(at, "observer", from, vrid, priority, 2, 100, true, 255);
  }

  /** Adverts every second from {@code first} to {@code last} inclusive (in micros). */
  private static List<AdvertSeen> every(String from, int vrid, int priority, long first, long last) {
    List<AdvertSeen> out = new ArrayList<>();
    for (long t = first; t <= last; t += S) {
      out.add(advert(t, from, vrid, priority));
    }
    return out;
  }

  private static List<AdvertSeen> concat(List<AdvertSeen> a, List<AdvertSeen> b) {
    List<AdvertSeen> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void aSteadyMasterIsOneSpan() {
    WireView v = WireView.of(every(A, 51, 255, 0, 10 * S));
    assertThat(v.masters(51)).as("one master span, holding 3 intervals past the last advert")
        .containsExactly(new Span(51, A, 0, 13 * S));
    assertThat(v.dualMasters(51)).as("no dual master").isEmpty();
    assertThat(v.vrids()).as("vrids").containsExactly(51);
  }

  @Test
  void aSilentMasterHoldsForThreeIntervalsThenLeavesAGap() {
    // A dies after its advert at 5 s; B takes over at 8.6 s (3 intervals + skew).
    WireView v = WireView.of(concat(every(A, 51, 255, 0, 5 * S),
        every(B, 51, 254, 8_600_000, 12_600_000)));
    assertThat(v.masters(51)).as("A, a gap, then B").containsExactly(
        new Span(51, A, 0, 8 * S),
        new Span(51, null, 8 * S, 8_600_000),
        new Span(51, B, 8_600_000, 15_600_000));
    assertThat(v.masterAt(51, 7 * S)).as("A still holds at 7 s").contains(A);
    assertThat(v.masterAt(51, 8_300_000)).as("nobody at 8.3 s").isEmpty();
    assertThat(v.masterAt(51, 9 * S)).as("B at 9 s").contains(B);
  }

  @Test
  void priorityZeroEndsTheClaimAtOnce() {
    List<AdvertSeen> all = new ArrayList<>(every(A, 51, 255, 0, 5 * S));
    all.add(advert(5_500_000, A, 51, 0));
    all.addAll(every(B, 51, 254, 6_100_000, 8_100_000));
    assertThat(WireView.of(all).masters(51)).as("graceful hand-over").containsExactly(
        new Span(51, A, 0, 5_500_000),
        new Span(51, null, 5_500_000, 6_100_000),
        new Span(51, B, 6_100_000, 11_100_000));
  }

  @Test
  void twoSourcesAdvertisingTogetherIsSplitBrain() {
    WireView v = WireView.of(concat(every(A, 51, 255, 0, 10 * S),
        every(B, 51, 254, 500_000, 10_500_000)), 1.5);
    assertThat(v.dualMasters(51)).as("one overlap for the whole split brain")
        .containsExactly(new Overlap(51, Set.of(A, B), 500_000, 11_500_000));
  }

  @Test
  void anOrdinaryPreemptionOverlapsForLessThanOneHold() {
    // B (higher priority) preempts at 5.3 s; A, having seen B, stops advertising.
    WireView v = WireView.of(concat(every(A, 51, 254, 0, 5 * S),
        every(B, 51, 255, 5_300_000, 9_300_000)), 1);
    assertThat(v.dualMasters(51)).as("A's last claim runs out 0.7 s into B's")
        .containsExactly(new Overlap(51, Set.of(A, B), 5_300_000, 6 * S));
  }

  @Test
  void vridsAreIndependent() {
    WireView v = WireView.of(concat(every(A, 51, 255, 0, 3 * S), every(B, 52, 255, 0, 3 * S)));
    assertThat(v.dualMasters(51)).as("A alone on 51").isEmpty();
    assertThat(v.masterAt(52, S)).as("B on 52").contains(B);
    assertThat(v.masters(53)).as("unknown vrid").isEmpty();
  }
}
