package lbchaos.proxy.balance;

import java.net.InetAddress;
import java.util.List;

/**
 * "balance leastconn": the server with the fewest connections relative to its weight; idle
 * servers first. Ties go to the server that was requeued longest ago (haproxy requeues a server
 * behind its equals each time its count changes), so equal idle servers rotate.
 */
public final class LeastConn extends Balancer {

  private final long[] requeued;
  private long clock;

  LeastConn(List<Member> members, boolean allBackups) {
    super(members, allBackups);
    requeued = new long[this.members.size()];
    for (int i = 0; i < requeued.length; i++) {
      requeued[i] = clock++;
    }
  }

  private static long key(Member m) {
    // haproxy 2.6 fwlc: idle servers key 0, else (inflight + 1) scaled by the inverse weight
    return m.served == 0 ? 0 : (m.served + 1L) * 256 / m.weight();
  }

  @Override
  protected Member choose(InetAddress client, Member avoid) {
    Member best = null;
    Member avoided = null;
    for (Member m : eligible()) {
      if (m.saturated()) {
        continue;
      }
      if (m == avoid) {
        avoided = m;
        continue;
      }
      if (best == null || key(m) < key(best)
          || key(m) == key(best) && requeued[m.index()] < requeued[best.index()]) {
        best = m;
      }
    }
    return best != null ? best : avoided;
  }

  @Override
  protected void servedChanged(Member m) {
    requeued[m.index()] = clock++;
  }

  @Override
  protected void stateChanged(Member m, boolean wasUsable) {
    requeued[m.index()] = clock++;
  }
}
