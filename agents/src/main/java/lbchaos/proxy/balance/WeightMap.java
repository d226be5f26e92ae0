package lbchaos.proxy.balance;

import java.util.ArrayList;
import java.util.List;

/**
 * The static server map of haproxy's map-based algorithms (static-rr, source): total-weight
 * slots filled by smooth weighted selection. Each round every eligible server adds its weight
 * to its score; the highest score wins the slot (the first declared on ties) and pays the total
 * back. The first slot is always the first declared server, and equal weights alternate.
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
      for (int i = 0; i < eligible.size(); i++) {
        score[i] += eligible.get(i).weight();
        if (best < 0 || score[i] > score[best]) {
          best = i;
        }
      }
      score[best] -= total;
      slots.add(eligible.get(best));
    }
    return slots;
  }
}
