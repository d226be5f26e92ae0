package lbchaos.harness.check;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.stream.Stream;
import lbchaos.event.AdvertSeen;
import lbchaos.harness.history.History;
import lbchaos.verdict.Verdict;

/** What the adverts a node sent after some moment carried: their priority, their interval. */
public final class AdvertChecks {

  private AdvertChecks() {}

  /**
   * Valid when the lowest priority {@code node} advertised after {@code from} is
   * {@code configured}: its own, or what its failing checks' weights make it.
   */
  public static Checker priorityKept(String node, String ip, Moment from, int configured) {
    return new PriorityKept(node, ip, from, configured);
  }

  /**
   * Valid when {@code node}'s adverts after {@code from} (priority above 0) carry an interval of
   * {@code centis}; {@code why} says what depends on it.
   */
  public static Checker interval(String name, String node, String ip, Moment from, int centis,
      String why) {
    return new AdvertInterval(name, node, ip, from, centis, why);
  }

  private static Stream<AdvertSeen> after(History h, String ip, long t) {
    return h.of(AdvertSeen.class).stream().filter(a -> a.from().equals(ip) && a.at() >= t);
  }

  @JsonTypeName("priority-kept")
  public record PriorityKept(String node, String ip, Moment from, int configured)
      implements Checker {
    @Override
    public Verdict check(History h) {
      var t = from.in(h);
      if (t.isEmpty()) {
        return Verdict.unknown("priority-kept", Figures.of().map(), "the history does not show "
            + from.describe());
      }
      int lowest = after(h, ip, t.get()).mapToInt(AdvertSeen::priority).min().orElse(-1);
      return new Verdict("priority-kept", lowest == configured, Figures.of()
          .put("lowest_master_priority", lowest).map(), node + " advertised at lowest priority "
          + lowest + " after the fault (expected " + configured + ")");
    }
  }

  @JsonTypeName("advert-interval")
  public record AdvertInterval(String name, String node, String ip, Moment from, int centis,
      String why) implements Checker {
    @Override
    public Verdict check(History h) {
      var t = from.in(h);
      if (t.isEmpty()) {
        return Verdict.unknown(name, Figures.of().map(), "the history does not show "
            + from.describe());
      }
      int seen = after(h, ip, t.get()).filter(a -> a.priority() > 0)
          .mapToInt(AdvertSeen::intervalCentis).max().orElse(-1);
      return new Verdict(name, seen == centis, Figures.of().put("advert_centis", seen).map(),
          node + " advertised with a " + seen + " cs interval (expected " + centis + ")" + why);
    }
  }
}
