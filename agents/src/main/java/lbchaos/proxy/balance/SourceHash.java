package lbchaos.proxy.balance;

import java.net.InetAddress;
import java.util.List;

/**
 * "balance source" (map-based hash, haproxy's default hash-type): the client address, folded to
 * 32 bits by XOR of its big-endian words, mixed by Bob Jenkins' 32-bit integer hash (public
 * domain, burtleburtle.net/bob/hash/integer.html), selects slot hash mod total-weight of the
 * {@link WeightMap}. The same client keeps its server while the set of servers is stable.
 * A saturated server is not skipped: the connection waits (empty result) as in haproxy.
 */
public final class SourceHash extends Balancer {

  private List<Member> map;

  SourceHash(List<Member> members, boolean allBackups) {
    super(members, allBackups);
    map = WeightMap.build(eligible());
  }

  @Override
  protected Member choose(InetAddress client, Member avoid) {
    if (map.isEmpty()) {
      return null;
    }
    long slot = map.size() == 1 ? 0 : Integer.toUnsignedLong(hash(client)) % map.size();
    Member m = map.get((int) slot);
    return m.saturated() ? null : m;
  }

  static int hash(InetAddress client) {
    byte[] a = client.getAddress();
    int h = 0;
    for (int l = 0; l + 4 <= a.length; l += 4) {
      h ^= (a[l] & 0xff) << 24 | (a[l + 1] & 0xff) << 16 | (a[l + 2] & 0xff) << 8 | a[l + 3] & 0xff;
    }
    return mix(h);
  }

  static int mix(int a) {
    a = (a + 0x7ed55d16) + (a << 12);
    a = (a ^ 0xc761c23c) ^ (a >>> 19);
    a = (a + 0x165667b1) + (a << 5);
    a = (a + 0xd3a2646c) ^ (a << 9);
    a = (a + 0xfd7046c5) + (a << 3);
    a = (a ^ 0xb55a4f09) ^ (a >>> 16);
    return a;
  }

  @Override
  protected void stateChanged(Member m, boolean wasUsable) {
    map = WeightMap.build(eligible());
  }
}
