package lbchaos.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lbchaos.proxy.config.Balance;
import org.junit.jupiter.api.Test;

class BalancerTest {

  static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

  /** Members from specs "name:weight[:b][:maxconn]". */
  static List<Member> members(String... specs) {
    List<Member> out = new ArrayList<>();
    for (String s : specs) {
      String[] p = s.split(":");
      boolean backup = p.length > 2 && p[2].equals("b");
      int maxconn = p.length > 3 ? Integer.parseInt(p[3]) : 0;
      out.add(new Member(out.size(), p[0], Integer.parseInt(p[1]), backup, maxconn, true));
    }
    return out;
  }

  static String picks(Balancer b, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(b.pick(CLIENT, null).map(Member::name).orElse("-"));
    }
    return sb.toString();
  }

  static Member m(Balancer b, String name) {
    return b.members().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void roundRobinEqualWeightsAlternatesStrictlyFromTheFirst() {
    Balancer b = Balancer.create(Balance.ROUNDROBIN, members("A:1", "B:1"), false);
    assertThat(picks(b, 200)).as("strict alternation over window renewals").isEqualTo("AB".repeat(100));
    Balancer c = Balancer.create(Balance.ROUNDROBIN, members("A:5", "B:5", "C:5"), false);
    assertThat(picks(c, 300)).as("three equal servers").isEqualTo("ABC".repeat(100));
  }

  @Test
  void roundRobinWeightedFollowsPositions() {
    Balancer b = Balancer.create(Balance.ROUNDROBIN, members("A:2", "B:1"), false);
    String s = picks(b, 300);
    assertThat(s).as("fwrr order: heavier server twice, then the lighter").startsWith("AABAAB");
    assertThat(s.chars().filter(ch -> ch == 'A').count()).as("2:1 share").isEqualTo(200);
    Balancer c = Balancer.create(Balance.ROUNDROBIN, members("A:1", "B:3"), false);
    String t = picks(c, 400);
    assertThat(t.chars().filter(ch -> ch == 'B').count()).as("1:3 share").isEqualTo(300);
    assertThat(t).as("never more than three B in a row").doesNotContain("BBBB");
  }

  @Test
  void roundRobinServerDownAndUpChangesTheSet() {
    Balancer b = Balancer.create(Balance.ROUNDROBIN, members("A:1", "B:1", "C:1"), false);
    assertThat(picks(b, 3)).as("baseline").isEqualTo("ABC");
    b.setUp(m(b, "B"), false);
    assertThat(picks(b, 6)).as("B out").isEqualTo("ACACAC");
    b.setUp(m(b, "B"), true);
    String after = picks(b, 30);
    assertThat(after.substring(0, 3).chars().distinct().count()).as("B back within one round: " + after)
        .isEqualTo(3);
    for (char ch : "ABC".toCharArray()) {
      assertThat(after.chars().filter(x -> x == ch).count()).as("share of %s in %s", ch, after)
          .isEqualTo(10);
    }
  }

  @Test
  void roundRobinAvoidsTheServerToRedispatchFrom() {
    Balancer b = Balancer.create(Balance.ROUNDROBIN, members("A:1", "B:1"), false);
    Member a = m(b, "A");
    assertThat(b.pick(CLIENT, a)).as("avoid A").contains(m(b, "B"));
    Balancer solo = Balancer.create(Balance.ROUNDROBIN, members("A:1"), false);
    assertThat(solo.pick(CLIENT, m(solo, "A"))).as("the only server, avoided yet taken")
        .contains(m(solo, "A"));
  }

  @Test
  void backupsOnlyWhenNoActiveServerIsUp() {
    for (Balance algo : Balance.values()) {
      Balancer b = Balancer.create(algo, members("A:1", "X:1:b", "Y:1:b"), false);
      assertThat(picks(b, 4)).as("%s: active only", algo).isEqualTo("AAAA");
      b.setUp(m(b, "A"), false);
      assertThat(picks(b, 4)).as("%s: first backup only", algo).isEqualTo("XXXX");
      b.setUp(m(b, "X"), false);
      assertThat(picks(b, 2)).as("%s: next backup", algo).isEqualTo("YY");
      b.setUp(m(b, "Y"), false);
      assertThat(picks(b, 1)).as("%s: nothing up", algo).isEqualTo("-");
      assertThat(b.anyUsable()).as("%s: none usable", algo).isFalse();
      b.setUp(m(b, "A"), true);
      assertThat(picks(b, 2)).as("%s: active back", algo).isEqualTo("AA");
    }
    Balancer all = Balancer.create(Balance.ROUNDROBIN, members("A:1", "X:1:b", "Y:1:b"), true);
    all.setUp(m(all, "A"), false);
    assertThat(picks(all, 4)).as("allbackups balances over backups").isEqualTo("XYXY");
  }

  @Test
  void weightZeroTakesNoTraffic() {
    Balancer b = Balancer.create(Balance.ROUNDROBIN, members("A:1", "Z:0", "B:1"), false);
    assertThat(picks(b, 4)).as("Z skipped").isEqualTo("ABAB");
  }

  @Test
  void staticRoundRobinSmoothMapAndIndexKeptAcrossChanges() {
    Balancer b = Balancer.create(Balance.STATIC_RR, members("A:1", "B:1"), false);
    assertThat(picks(b, 6)).as("equal weights").isEqualTo("ABABAB");
    Balancer w = Balancer.create(Balance.STATIC_RR, members("A:3", "B:1"), false);
    assertThat(picks(w, 8)).as("3:1 map, scores compared in whole totals as haproxy's")
        .isEqualTo("AAABAAAB");
    Balancer three = Balancer.create(Balance.STATIC_RR, members("A:3", "B:2", "C:1"), false);
    assertThat(picks(three, 12)).as("3:2:1 map: haproxy 2.6 served the cycle A,B,A,B,C,A"
        + " (ProxyConformanceIT)").isEqualTo("AABABCAABABC");
    Balancer c = Balancer.create(Balance.STATIC_RR, members("A:1", "B:1", "C:1"), false);
    assertThat(picks(c, 2)).as("start").isEqualTo("AB");
    c.setUp(m(c, "C"), false);
    assertThat(picks(c, 3)).as("index wraps on the smaller map").isEqualTo("ABA");
    c.setUp(m(c, "C"), true);
    assertThat(picks(c, 4)).as("index kept across the rebuild").isEqualTo("BCAB");
  }

  @Test
  void leastConnPrefersIdleThenFewestAndRotatesTies() {
    Balancer b = Balancer.create(Balance.LEASTCONN, members("A:1", "B:1", "C:1"), false);
    assertThat(picks(b, 3)).as("idle servers in order").isEqualTo("ABC");
    b.release(m(b, "B"));
    assertThat(picks(b, 1)).as("B has fewest").isEqualTo("B");
    assertThat(picks(b, 3)).as("ties go to the longest requeued: A, then C, then B").isEqualTo("ACB");
    Balancer w = Balancer.create(Balance.LEASTCONN, members("A:1", "B:3"), false);
    assertThat(picks(w, 8).chars().filter(x -> x == 'B').count()).as("weight 3 takes more")
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void firstFillsServersInOrderUpToMaxconn() {
    Balancer b = Balancer.create(Balance.FIRST, members("A:1:a:2", "B:1:a:2"), false);
    assertThat(picks(b, 5)).as("fill A then B, then wait").isEqualTo("AABB-");
    b.release(m(b, "A"));
    assertThat(picks(b, 1)).as("freed slot on A").isEqualTo("A");
    Balancer u = Balancer.create(Balance.FIRST, members("A:1", "B:1"), false);
    assertThat(picks(u, 3)).as("no maxconn: always the first").isEqualTo("AAA");
  }

  @Test
  void maxconnSaturationSkipsServersAndQueuesWhenAllFull() {
    Balancer b = Balancer.create(Balance.ROUNDROBIN, members("A:1:a:1", "B:1"), false);
    assertThat(picks(b, 4)).as("A full after one").isEqualTo("ABBB");
    b.release(m(b, "A"));
    assertThat(picks(b, 1)).as("A free again").isEqualTo("A");
    Balancer full = Balancer.create(Balance.STATIC_RR, members("A:1:a:1"), false);
    assertThat(picks(full, 2)).as("all full -> empty").isEqualTo("A-");
    assertThat(full.anyUsable()).as("still usable: caller queues").isTrue();
  }

  @Test
  void sourceHashIsStablePerClientAndSpreadsClients() throws Exception {
    Balancer b = Balancer.create(Balance.SOURCE, members("A:1", "B:1", "C:1"), false);
    Map<String, String> first = new HashMap<>();
    Set<String> used = new HashSet<>();
    for (int i = 1; i <= 60; i++) {
      InetAddress c = InetAddress.getByName("10.0.0." + i);
      String s = b.pick(c, null).orElseThrow().name();
      first.put(c.getHostAddress(), s);
      used.add(s);
      assertThat(b.pick(c, null).orElseThrow().name()).as("same client same server").isEqualTo(s);
    }
    assertThat(used).as("clients spread over all servers").containsExactlyInAnyOrder("A", "B", "C");
    b.setUp(m(b, "C"), false);
    for (String c : first.keySet()) {
      assertThat(b.pick(InetAddress.getByName(c), null).orElseThrow().name()).as("never C")
          .isNotEqualTo("C");
    }
    assertThat(SourceHash.mix(0)).as("Jenkins hash is deterministic").isEqualTo(SourceHash.mix(0));
  }
}
