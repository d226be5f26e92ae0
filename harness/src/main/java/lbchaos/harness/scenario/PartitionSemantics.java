package lbchaos.harness.scenario;

import static lbchaos.harness.scenario.ArticleScenarios.MACHINE;
import static lbchaos.harness.scenario.PreemptSemantics.FIRST;
import static lbchaos.harness.scenario.PreemptSemantics.SECOND;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import static org.awaitility.Awaitility.await;

import lbchaos.event.Events;
import lbchaos.event.GarpSeen;
import lbchaos.harness.history.History;
import lbchaos.event.FaultEvent.Phase;
import lbchaos.harness.check.Checker;
import lbchaos.harness.check.Checks;
import lbchaos.harness.check.Intervals;
import lbchaos.harness.check.Moment;
import lbchaos.harness.check.NeighbourChecks;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.expect.Expectations;
import lbchaos.harness.expect.VrrpTiming;
import lbchaos.harness.fault.Fault;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.topology.Node;
import lbchaos.verdict.Bound;

/**
 * A partition between the LBs only: VRRP between them is cut while both still reach the client
 * and the webservers. Both become master (expected: each is right from what it sees) and the
 * client follows the GARPs of the last one. After the heal the lower one steps down at once, but
 * the client's ARP cache heals only if the remaining master tells it: keepalived's master sends
 * GARPs when it hears a lower priority advert (garp_lower_prio_repeat), and the yielding master
 * advertises once more before it yields (higher_prio_send_advert) so that it does hear one.
 */
final class PartitionSemantics {

  private PartitionSemantics() {}

  static Scenario asymmetricPartition(LbSettings s, ProbeSpec p) {
    return new ArticleScenarios.Simple("asymmetric-partition",
        "VRRP is cut between the LBs while both reach the client and the webservers: both become"
            + " master and the client follows the second; healed, one master again within an"
            + " advert interval, and the client's ARP entry for the VIP back at its MAC (GARPs"
            + " after hearing the lower priority advert)", ss -> {
          PreemptSemantics.settle(ss, s);
          Map<String, String> macs = new TreeMap<>();
          for (Node lb : ss.lab().lbs()) {
            macs.put(lb.mac(), lb.name());
          }
          String first = macOf(macs, FIRST);
          String second = macOf(macs, SECOND);
          ss.watchNeighbours();
          ss.startProbe(p);
          Waits.answers(ss, 10, p);
          VrrpTiming b = Timings.vrrp(s, 1);
          Bound handover = MACHINE.applyTo(new Bound(s.advertInterval(), "one advert interval"));
          Bound dual = MACHINE.applyTo(Expectations.masterDownInterval(b));
          Fault block = Faults.blockVrrp();
          ss.nemesis().inject(block);
          Moment t0 = Observed.fault(ss, block.name(), Phase.INJECT);
          Observed.awaitMoment(ss, t0.vip(SECOND, true), dual);
          Checker wire = Checks.wireSplitBrain(handover, dual.plus(handover));
          Waits.tryAwait("split brain seen on the wire", dual.plus(handover).value()
              .plus(Observed.WAIT_SLACK), () -> wire.check(ss.history()).passed());
          // Both masters serve meanwhile: the client, following the second one's GARPs. A burst
          // of the first may still be due (each is repeated garp_master_delay or
          // garp_lower_prio_delay later) and put the client back before the heal, which would
          // then have nothing to show: wait until the client is at the second and the first has
          // been quiet for longer than those delays.
          java.time.Duration quiet = max(s.garp().masterDelay(), s.garp().lowerPrioDelay())
              .plusMillis(500);
          await("the client following " + SECOND + ", " + FIRST + " quiet for " + quiet)
              .atMost(quiet.multipliedBy(2).plus(Observed.WAIT_SLACK))
              .pollInterval(java.time.Duration.ofMillis(100))
              .until(() -> second.equals(clientMac(ss.history(), ss.lab().plan().vip()))
                  && Events.nowMicros() - lastGarp(ss.history(), first) > quiet.toNanos() / 1000);
          Waits.answers(ss, 10, p);
          long healIssued = Events.nowMicros();
          ss.nemesis().heal(block);
          Moment healed = Observed.fault(ss, block.name(), Phase.HEAL);
          Observed.awaitMoment(ss, healed.vip(SECOND, false), handover);
          Checker arp = NeighbourChecks.clientArp("client", ss.lab().plan().vip(), FIRST, first,
              macs, healed, handover);
          // Wait past the bound, so that a stale entry is seen to stay stale.
          Waits.tryAwait("the bound after the heal passing", handover.value()
              .plus(Observed.WAIT_SLACK), () -> healed.in(ss.history()).map(t -> Events
                  .nowMicros() > t + handover.micros()).orElse(false));
          ss.stopProbe();
          return List.of(
              wire.within(Long.MIN_VALUE, healIssued),
              Intervals.atMost("one-master-again", SECOND + " giving the VIP up after the heal",
                  "reconverge_s", healed, healed.vip(SECOND, false), handover),
              arp,
              Checks.expectedMaster(FIRST));
        });
  }

  private static String macOf(Map<String, String> macs, String node) {
    return macs.entrySet().stream().filter(e -> e.getValue().equals(node)).findFirst()
        .orElseThrow().getKey();
  }

  /** The MAC the client's latest neighbour entry for the VIP holds (null: none). */
  private static String clientMac(History h, String vip) {
    var entries = NeighbourChecks.entries(h, "client", vip);
    return entries.isEmpty() ? null : entries.getLast().mac();
  }

  /** When the wire last carried a GARP from {@code mac}. */
  private static long lastGarp(History h, String mac) {
    return h.of(GarpSeen.class).stream().filter(g -> g.mac().equals(mac))
        .mapToLong(GarpSeen::at).max().orElse(0);
  }

  private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
