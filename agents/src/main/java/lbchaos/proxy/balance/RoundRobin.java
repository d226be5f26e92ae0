package lbchaos.proxy.balance;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * "balance roundrobin": weighted, dynamic round robin following the model of haproxy's fast
 * weighted round robin (lb_fwrr). Every server has a next position; a window of total-weight
 * positions is walked one step per pick and a server advances by total/weight positions when
 * picked, so heavier servers come back sooner. Servers not yet placed wait in an "init" set,
 * heaviest first, then configuration order; servers beyond the window wait in a "next" set
 * until the window is renewed. Equal weights therefore alternate strictly from the first server.
 *
 * <p>Weights are scaled by 16 (haproxy's BE_WEIGHT_SCALE) so that integer steps stay smooth.
 * Ties in position break on the remainder, then on insertion order (an ebtree keeps duplicates
 * in insertion order).
 */
public final class RoundRobin extends Balancer {

  static final int SCALE = 16;
  private static final int EWEIGHT_MAX = 256 * SCALE;

  /** Per-server position state. */
  private static final class Pos {
    final Member m;
    int eweight;
    long npos;
    long rweight;
    long seq;
    TreeSet<Pos> tree;

    Pos(Member m) {
      this.m = m;
      this.eweight = m.weight() * SCALE;
    }

    long currKey() {
      return 256L * npos + (EWEIGHT_MAX + rweight - eweight) / SCALE;
    }
  }

  private static final Comparator<Pos> BY_WEIGHT =
      Comparator.<Pos>comparingInt(p -> EWEIGHT_MAX - p.eweight).thenComparingLong(p -> p.seq);
  private static final Comparator<Pos> BY_POSITION =
      Comparator.<Pos>comparingLong(Pos::currKey).thenComparingLong(p -> p.seq);

  /** One weight group (active or backup), as haproxy keeps two. */
  private static final class Group {
    final TreeSet<Pos> curr = new TreeSet<>(BY_POSITION);
    TreeSet<Pos> init = new TreeSet<>(BY_WEIGHT);
    TreeSet<Pos> next = new TreeSet<>(BY_WEIGHT);
    long currWeight;
    long nextWeight;
    long currPos;
  }

  private final Pos[] pos;
  private final Group active = new Group();
  private final Group backup = new Group();
  private long seq;

  RoundRobin(List<Member> members, boolean allBackups) {
    super(members, allBackups);
    pos = new Pos[this.members.size()];
    for (int i = 0; i < pos.length; i++) {
      pos[i] = new Pos(this.members.get(i));
    }
    for (Group g : List.of(active, backup)) {
      boolean bck = g == backup;
      for (Pos p : pos) {
        if (p.m.backup() == bck && p.m.usable()) {
          g.nextWeight += p.eweight;
          insert(g.init, p);
        }
      }
      g.currPos = g.currWeight = g.nextWeight;
    }
  }

  private Group groupOf(Pos p) {
    return p.m.backup() ? backup : active;
  }

  @Override
  protected Member choose(InetAddress client, Member avoid) {
    List<Member> eligible = eligible();
    if (eligible.isEmpty()) {
      return null;
    }
    Group g = eligible.getFirst().backup() ? backup : active;
    if (g == backup && !allBackups) {
      Member first = eligible.getFirst();
      return first.saturated() ? null : first;
    }
    if (g.currWeight == 0) {
      g.currPos = g.currWeight = g.nextWeight;
    }
    boolean switched = false;
    Pos avoided = null;
    Pos chosen = null;
    List<Pos> full = new ArrayList<>();
    while (true) {
      Pos p = fromGroup(g);
      while (p == null) {
        if (switched) {
          chosen = avoided;
          break;
        }
        switched = true;
        TreeSet<Pos> swap = g.init;
        g.init = g.next;
        g.next = swap;
        g.currPos = g.currWeight = g.nextWeight;
        p = fromGroup(g);
      }
      if (p == null) {
        break;
      }
      remove(p);
      advance(g, p);
      g.currPos++;
      if (!p.m.saturated()) {
        if (p.m != avoid || avoided != null) {
          chosen = p;
          break;
        }
        avoided = p;
      }
      full.add(p);
    }
    if (chosen != null) {
      queue(g, chosen);
    }
    for (Pos f : full) {
      if (f != chosen) {
        if (switched) {
          insert(g.init, f); // the window was renewed: only their weight matters now
        } else {
          queue(g, f);
        }
      }
    }
    return chosen == null ? null : chosen.m;
  }

  /** The next server in the window if its turn has come, else one not yet placed. */
  private Pos fromGroup(Group g) {
    Pos first = g.curr.isEmpty() ? null : g.curr.first();
    if (first != null && first.npos <= g.currPos) {
      return first;
    }
    if (!g.init.isEmpty()) {
      Pos fresh = g.init.first();
      fresh.npos = 0;
      fresh.rweight = 0;
      return fresh;
    }
    return first;
  }

  private void advance(Group g, Pos p) {
    if (p.npos == 0) {
      p.npos = g.currPos;
    }
    p.npos += g.nextWeight / p.eweight;
    p.rweight += g.nextWeight % p.eweight;
    if (p.rweight >= p.eweight) {
      p.rweight -= p.eweight;
      p.npos++;
    }
  }

  /** Puts a server back into the window, or into "next" when it is beyond the window. */
  private void queue(Group g, Pos p) {
    if (!p.m.usable()) {
      remove(p);
    } else if (p.npos >= 2 * g.currWeight || p.npos >= g.currWeight + g.nextWeight) {
      p.npos -= g.currWeight;
      insert(g.next, p);
    } else {
      insert(g.curr, p);
    }
  }

  private void insert(TreeSet<Pos> tree, Pos p) {
    p.seq = seq++;
    tree.add(p);
    p.tree = tree;
  }

  private void remove(Pos p) {
    if (p.tree != null) {
      p.tree.remove(p);
      p.tree = null;
    }
  }

  @Override
  protected void stateChanged(Member m, boolean wasUsable) {
    Pos p = pos[m.index()];
    boolean usable = m.usable();
    if (wasUsable && !usable) {
      leave(p);
    } else if (!wasUsable && usable) {
      enter(p);
    }
  }

  /** A new weight: out with the old one, back in with the new one, as haproxy's fwrr does. */
  @Override
  protected void weightChanged(Member m, boolean wasUsable, int oldWeight) {
    Pos p = pos[m.index()];
    if (wasUsable) {
      leave(p);
    }
    p.eweight = m.weight() * SCALE;
    if (m.usable()) {
      enter(p);
    }
  }

  private void leave(Pos p) {
    groupOf(p).nextWeight -= p.eweight;
    remove(p);
  }

  private void enter(Pos p) {
    Group g = groupOf(p);
    g.nextWeight += p.eweight;
    if (p.tree == g.init) {
      p.rweight = 0;
    }
    remove(p);
    // placed a little ahead of the current position, proportional to the window left
    p.npos = g.currPos + (g.nextWeight + g.currWeight - g.currPos) / p.eweight;
    queue(g, p);
  }
}
