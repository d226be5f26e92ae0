package lbchaos.proxy.balance;

import java.net.InetAddress;
import java.util.List;

/**
 * "balance static-rr": walks the {@link WeightMap}. The map is rebuilt when a server changes
 * state; the walking index survives the rebuild (wrapping to 0 when past the end), as haproxy's.
 */
public final class StaticRoundRobin extends Balancer {

  private List<Member> map;
  private int index;

  StaticRoundRobin(List<Member> members, boolean allBackups) {
    super(members, allBackups);
    map = WeightMap.build(eligible());
  }

  @Override
  protected Member choose(InetAddress client, Member avoid) {
    if (map.isEmpty()) {
      return null;
    }
    if (index >= map.size()) {
      index = 0;
    }
    int start = index;
    int i = index;
    Member avoided = null;
    int avoidedNext = -1;
    do {
      Member m = map.get(i++);
      if (!m.saturated()) {
        if (m != avoid) {
          index = i;
          return m;
        }
        avoided = m;
        avoidedNext = i;
      }
      if (i == map.size()) {
        i = 0;
      }
    } while (i != start);
    if (avoided != null) {
      index = avoidedNext;
    }
    return avoided;
  }

  @Override
  protected void stateChanged(Member m, boolean wasUsable) {
    map = WeightMap.build(eligible());
  }
}
