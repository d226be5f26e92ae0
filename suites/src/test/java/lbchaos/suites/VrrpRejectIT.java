package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import lbchaos.craft.CraftCase;
import lbchaos.event.LogLine;
import lbchaos.event.VrrpDrop;
import lbchaos.event.VrrpStateChange;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.history.History;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The receive rules of RFC 5798 section 7.1 (RFC 3768 section 7.1 for the article's v2) on the
 * wire: the observer container (NET_RAW) sends crafted adverts to 224.0.0.18 with the `craft`
 * agent, each wrong in one field, and both LBs must drop and count each of them with the state
 * of the pair unchanged; then a priority-255 advert (compared, ignored: lower address) and a
 * priority-0 advert (master answers, master stays). Run on the java stack and on keepalived, and
 * the reasons they count compared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VrrpRejectIT {

  static final LbSettings S = LbSettings.ARTICLE;
  /** Each drop case is sent this many times: a count of exactly this proves one count each. */
  static final int REPEAT = 3;
  /** Our agent reports drops every 10 s (VrrpAgent.SUMMARY_INTERVAL); keepalived at once. */
  static final Duration DROP_REPORT = Duration.ofSeconds(10);
  /** Tolerance: log shipping and exec on a 2-core machine shared with other runs. */
  static final Duration TOLERANCE = Duration.ofSeconds(5);
  /** Master down interval for the article's v2 1 s adverts: 3 x advert + skew (< 1 s). */
  static final Duration MASTER_DOWN = S.advertInterval().multipliedBy(4);

  static final List<CraftCase> DROPS = List.of(CraftCase.values()).stream()
      .filter(c -> c.expected().isPresent()).toList();

  /** Reason -> drops counted per LB, per stack, for the comparison. */
  final Map<Stack, Map<String, Map<String, Long>>> counted = new ConcurrentHashMap<>();

  @Test
  @Order(1)
  void javaAgentDropsAndCountsEachRejectCase() {
    run(Stack.JAVA);
  }

  @Test
  @Order(2)
  void keepalivedDropsTheSameCases() {
    run(Stack.REFERENCE);
  }

  @Test
  @Order(3)
  void bothStacksCountTheSameReasonsExceptWhereKeepalivedDeparts() {
    assertThat(counted).as("both stacks ran").containsKeys(Stack.JAVA, Stack.REFERENCE);
    Map<String, Map<String, Long>> java = counted.get(Stack.JAVA);
    Map<String, Map<String, Long>> ref = counted.get(Stack.REFERENCE);
    System.out.println("vrrp-reject: java " + java);
    System.out.println("vrrp-reject: keepalived " + ref);
    for (CraftCase c : DROPS) {
      String reason = c.expected().orElseThrow().wireName();
      if (c == CraftCase.VRID) {
        // keepalived departs here: a packet for a VRID it does not run finds no instance and
        // is discarded silently (vrrp_scheduler.c), so it is dropped as RFC 5798 section 7.1
        // says but neither logged nor counted against the instance.
        assertThat(ref.getOrDefault(reason, Map.of())).as("keepalived logs no vrid drop")
            .isEmpty();
        continue;
      }
      assertThat(ref.get(reason)).as("keepalived's %s drops per LB equal ours", reason)
          .isEqualTo(java.get(reason));
    }
  }

  private void run(Stack stack) {
    try (Session s = Session.start(LabSpec.article(stack).withSettings(S), System.out,
        ProbeWatcher.NONE)) {
      // The priority 255 LB, alone: on the java stack the backup may start first and hold the
      // VIP until the owner preempts it.
      String master = "loadbalancer-1";
      await("the VIP on " + master + " alone").atMost(MASTER_DOWN.plus(Duration.ofSeconds(10)))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> s.lab().vipHolders().equals(List.of(master)));
      // ...and both daemons' reports of it in the history (log shipping lags the VIP itself).
      await("loadbalancer-1 MASTER and loadbalancer-2 BACKUP in the history")
          .atMost(MASTER_DOWN.plus(TOLERANCE)).pollInterval(Duration.ofMillis(100))
          .until(() -> lastState(s, master) == VrrpStateChange.VrrpRole.MASTER
              && lastState(s, "loadbalancer-2") == VrrpStateChange.VrrpRole.BACKUP);
      History before = s.history();
      int changesBefore = before.of(VrrpStateChange.class).size();

      // 1. Every drop case, REPEAT times, in one batch.
      craft(s, DROPS, 100);
      Map<String, Map<String, Long>> drops = new TreeMap<>();
      List<String> expected = DROPS.stream()
          .filter(c -> stack == Stack.JAVA || c != CraftCase.VRID)
          .map(c -> c.expected().orElseThrow().wireName()).toList();
      await("every reject case counted on both LBs (" + expected + ")")
          .atMost(DROP_REPORT.plus(TOLERANCE)).pollInterval(Duration.ofMillis(250))
          .until(() -> {
            drops.clear();
            drops.putAll(dropsSince(before, s.history()));
            return expected.stream().allMatch(r -> drops.containsKey(r)
                && drops.get(r).size() == 2
                && drops.get(r).values().stream().allMatch(n -> n >= REPEAT));
          });
      counted.put(stack, drops);
      System.out.printf("vrrp-reject: %s stack: %d cases x %d sent, drops per reason and LB %s%n",
          stack, DROPS.size(), REPEAT, drops);
      for (String r : expected) {
        assertThat(drops.get(r)).as("%s: %s drops per LB", stack, r)
            .containsOnly(Map.entry("loadbalancer-1", (long) REPEAT),
                Map.entry("loadbalancer-2", (long) REPEAT));
      }
      assertThat(changesSince(s, changesBefore)).as("%s: no state change after the dropped"
          + " packets", stack).isEmpty();
      assertThat(s.lab().vipHolders()).as("%s: VIP still on the master", stack)
          .containsExactly(master);

      // 2. An owner's advert (255) from a lower address. RFC 5798 6.4.3: equal priority, the
      // sender's address is lower, so the master keeps the VIP; the backup accepts it as a
      // master's (6.4.2) and stays BACKUP. keepalived departs: two address owners are a
      // "CONFIGURATION ERROR" to it, it lowers its own priority to 254 and yields to the 255
      // advert: one spoofed packet makes the owner leave MASTER (the VIP then came back to it,
      // or went to the backup, depending on timing: both seen here).
      craft(s, List.of(CraftCase.PRIORITY255), 1);
      String holder = master;
      if (stack == Stack.JAVA) {
        try {
          await("no state change for one master down interval after a 255 advert")
              .during(MASTER_DOWN).atMost(MASTER_DOWN.plus(TOLERANCE))
              .failFast(() -> !changesSince(s, changesBefore).isEmpty())
              .until(() -> changesSince(s, changesBefore).isEmpty());
        } catch (RuntimeException e) {
          throw new AssertionError(stack + ": state changed after a 255 advert: "
              + changesSince(s, changesBefore) + "; lines " + lines(s), e);
        }
        assertThat(s.lab().vipHolders()).as("%s: VIP on the master after a 255 advert", stack)
            .containsExactly(master);
      } else {
        await("keepalived's owner yields to a second 255 (its departure from 6.4.3)")
            .atMost(MASTER_DOWN.plus(TOLERANCE)).pollInterval(Duration.ofMillis(100))
            .until(() -> changesSince(s, changesBefore).stream()
                .anyMatch(c -> c.startsWith(master + ":MASTER->BACKUP")));
        assertThat(lines(s)).as("keepalived says why").anyMatch(l -> l.contains(
            "both configured as address owner"));
        await("one holder again").atMost(MASTER_DOWN.plus(TOLERANCE))
            .pollInterval(Duration.ofMillis(200)).until(() -> s.lab().vipHolders().size() == 1);
        holder = s.lab().vipHolders().getFirst();
        System.out.printf("vrrp-reject: %s stack: after a spoofed 255 advert: %s; holder %s%n",
            stack, changesSince(s, changesBefore), holder);
      }
      int changesMid = s.history().of(VrrpStateChange.class).size();
      String master2 = holder;

      // 3. Priority 0 (a master resigning): the master answers at once and stays MASTER; the
      // backup sets its down timer to Skew_Time and may take over for a moment, until the
      // master's advert (255) sends it back (RFC 5798 6.4.2-6.4.3). The pair ends as it began.
      craft(s, List.of(CraftCase.PRIORITY0), 1);
      await("the master still alone after a priority 0 advert").during(MASTER_DOWN)
          .atMost(MASTER_DOWN.plus(TOLERANCE)).until(() ->
              s.lab().vipHolders().equals(List.of(master2)));
      List<VrrpStateChange> after = s.history().of(VrrpStateChange.class).subList(changesMid,
          s.history().of(VrrpStateChange.class).size());
      assertThat(after.stream().filter(c -> c.source().equals(master2)).toList())
          .as("%s: the master never left MASTER", stack).isEmpty();
      System.out.printf("vrrp-reject: %s stack: after priority 0, backup changes %s; lines %s%n",
          stack, after.stream().map(c -> c.source() + ":" + c.from() + "->" + c.to()).toList(),
          s.history().of(LogLine.class).stream().filter(l -> l.line().contains("priority 0"))
              .map(l -> l.source() + ": " + l.line()).toList());
    }
  }

  static List<String> changesSince(Session s, int n) {
    List<VrrpStateChange> all = s.history().of(VrrpStateChange.class);
    return all.subList(Math.min(n, all.size()), all.size()).stream()
        .map(c -> c.source() + ":" + c.from() + "->" + c.to() + " (" + c.reason() + ")").toList();
  }

  static VrrpStateChange.VrrpRole lastState(Session s, String lb) {
    return s.history().of(VrrpStateChange.class).stream().filter(c -> c.source().equals(lb))
        .reduce((a, b) -> b).map(VrrpStateChange::to).orElse(VrrpStateChange.VrrpRole.INIT);
  }

  static List<String> lines(Session s) {
    return s.history().of(LogLine.class).stream()
        .filter(l -> l.source().startsWith("loadbalancer") && l.line().contains("VI_1"))
        .map(l -> l.source() + ": " + l.line()).toList();
  }

  private static void craft(Session s, List<CraftCase> cases, int priority) {
    Node observer = s.lab().node("observer");
    List<String> cmd = new ArrayList<>(List.of("lbchaos-java", "craft", "--case",
        cases.stream().map(CraftCase::wireName).collect(Collectors.joining(",")),
        "--src", observer.ip(), "--vrid", Integer.toString(s.lab().vrid()),
        "--vip", s.lab().plan().vip(), "--version", Integer.toString(S.version()),
        "--advert", S.advertInterval().toMillis() + "ms", "--password", S.authPass(),
        "--priority", Integer.toString(priority), "--repeat",
        Integer.toString(cases.size() == 1 ? 1 : REPEAT)));
    Node.ExecResult r = observer.exec(Duration.ofSeconds(20), cmd.toArray(String[]::new));
    assertThat(r.exitCode()).as("craft %s: %s %s", cases, r.stdout(), r.stderr()).isZero();
  }

  /** Drops per reason and LB that appeared after {@code before}. */
  static Map<String, Map<String, Long>> dropsSince(History before, History now) {
    Map<String, Map<String, Long>> base = tally(before);
    Map<String, Map<String, Long>> out = new TreeMap<>();
    tally(now).forEach((reason, perLb) -> perLb.forEach((lb, n) -> {
      long d = n - base.getOrDefault(reason, Map.of()).getOrDefault(lb, 0L);
      if (d > 0) {
        out.computeIfAbsent(reason, k -> new TreeMap<>()).put(lb, d);
      }
    }));
    return out;
  }

  static Map<String, Map<String, Long>> tally(History h) {
    Map<String, Map<String, Long>> t = new TreeMap<>();
    for (VrrpDrop d : h.of(VrrpDrop.class)) {
      if (d.source().startsWith("loadbalancer")) {
        t.computeIfAbsent(d.reason(), k -> new TreeMap<>()).merge(d.source(), d.count(),
            Long::sum);
      }
    }
    return t;
  }
}
