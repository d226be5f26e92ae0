package lbchaos.proxy.balance;

import java.util.ArrayList;
import java.util.List;

/**
 * The static server map of haproxy's map-based algorithms (static-rr, source): total-weight
 * slots filled as haproxy's recalc_server_map (lb_map.c) fills them. Each round every eligible
 * server adds its weight to its score; the winner is the highest score <em>in whole totals</em>,
 * (score + total) / total in integer division, the first declared on ties, and it pays the
 * total back. The coarse comparison matters: with weights 3:2:1 it gives 1,1,2,1,2,3 where the
 * exact scores would give 1,2,1,3,2,1 (haproxy 2.6 was seen to serve the former). The first
 * slot is always the first declared server, and equal weights alternate.
 */
final class WeightMap {

  private WeightMap() {}

  static List<Member> build(List<Member> eligible) {
    int total = 0;
    for (Member m : eligible) {
      total += m.weight();
    }
    int[] score = new int[eligible.size()];
    List<Member> slots = new ArrayList<>(total);
    for (int slot = 0; slot < total; slot++) {
      int best = -1;
      int max = 0;
      for (int i = 0; i < eligible.size(); i++) {
        score[i] += eligible.get(i).weight();
        int v = Math.floorDiv(score[i] + total, total);
        if (best < 0 || v > max) {
          best = i;
          max = v;
        }
      }
      score[best] -= total;
      slots.add(eligible.get(best));
    }
    return slots;
  }
}
