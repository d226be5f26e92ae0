package lbchaos.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.fuzz.Cases;
import lbchaos.proxy.config.Balance;
import org.junit.jupiter.api.Test;

/**
 * Picks interleaved with redispatches (a pick avoiding the server that just failed) and
 * releases, as the connector makes them while a dead server is still UP: a pick must never come
 * back empty while a server is usable and none is saturated (the connection would wait in the
 * queue until a health change drains it), and an avoided server is taken only when it is the
 * only usable one.
 */
class RedispatchPickPropertiesTest {

  static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

  /** Operations (0-4 pick, 5-7 release the oldest open, 8 nothing, 9 toggle up) on a pool. */
  record Run(List<Integer> ops, int servers, boolean staticRr, int heavy) {}

  @Test
  void redispatchNeverLeavesAConnectionWithoutServer() {
    Cases.forEach("RedispatchPickPropertiesTest.redispatchNeverLeavesAConnectionWithoutServer",
        1_000,
        r -> new Run(Cases.listOf(r, 1, 200, t -> t.nextInt(10)), Cases.intIn(r, 2, 4),
            r.nextBoolean(), Cases.intIn(r, 1, 3)),
        RedispatchPickPropertiesTest::check);
  }

  static void check(Run run) {
    List<Integer> ops = run.ops();
    int servers = run.servers();
    boolean staticRr = run.staticRr();
    int heavy = run.heavy();
    List<Member> ms = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      ms.add(new Member(i, "s" + i, i == 0 ? heavy : 1, false, 0, true));
    }
    Balancer b = Balancer.create(staticRr ? Balance.STATIC_RR : Balance.ROUNDROBIN, ms, false);
    List<Member> open = new ArrayList<>();
    Member dead = ms.getFirst();
    for (int op : ops) {
      if (op < 5) {
        Optional<Member> m = b.pick(CLIENT, null);
        assertThat(m).as("a plain pick with every server usable").isPresent();
        if (m.get() == dead) {
          // its connect fails: released, then redispatched away from it
          b.release(m.get());
          Optional<Member> again = b.pick(CLIENT, dead);
          assertThat(again).as("redispatch from %s after %s", dead, ops).isPresent();
          assertThat(again.get()).as("redispatch goes to another server").isNotSameAs(dead);
          open.add(again.get());
        } else {
          open.add(m.get());
        }
      } else if (op < 8 && !open.isEmpty()) {
        b.release(open.removeFirst());
      } else if (op == 9) {
        b.setUp(dead, !dead.up());
      }
    }
  }
}
