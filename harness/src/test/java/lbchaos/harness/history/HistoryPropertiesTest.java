package lbchaos.harness.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.fuzz.Cases;
import org.junit.jupiter.api.Test;

class HistoryPropertiesTest {

  /** Streams of LogLines whose text records (stream, position), times drawn from a small range. */
  static List<List<Event>> streams(List<List<Integer>> times) {
    List<List<Event>> out = new ArrayList<>();
    for (int s = 0; s < times.size(); s++) {
      List<Event> stream = new ArrayList<>();
      for (int i = 0; i < times.get(s).size(); i++) {
        stream.add(new LogLine(times.get(s).get(i), "s" + s, s + ":" + i));
      }
      out.add(stream);
    }
    return out;
  }

  @Test
  void mergeIsASortedStablePermutation() {
    Cases.forEach("HistoryPropertiesTest.mergeIsASortedStablePermutation", 200,
        r -> Cases.listOf(r, 0, 4, s -> Cases.listOf(s, 0, 8, u -> u.nextInt(6))),
        HistoryPropertiesTest::checkMerge);
  }

  /** Up to 4 streams of up to 8 events at times 0..5. */
  static void checkMerge(List<List<Integer>> t) {
    List<List<Event>> in = streams(t);
    History h = History.merge(in);
    assertThat(h.size()).as("nothing lost").isEqualTo(in.stream().mapToInt(List::size).sum());
    List<Event> es = h.events();
    for (int i = 1; i < es.size(); i++) {
      Event a = es.get(i - 1);
      Event b = es.get(i);
      assertThat(a.at()).as("time order").isLessThanOrEqualTo(b.at());
      if (a.at() == b.at()) {
        String[] x = ((LogLine) a).line().split(":");
        String[] y = ((LogLine) b).line().split(":");
        int cmp = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        if (cmp == 0) {
          cmp = Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
        }
        assertThat(cmp).as("tie keeps stream then position order: %s before %s", a, b)
            .isNegative();
      }
    }
    assertThat(HistoryJson.parse(HistoryJson.toJsonArray(h))).as("JSON round trip").isEqualTo(h);
  }
}
