package lbchaos.report.html;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Colours, assigned once per report so that webserver-1 has the same colour in every scenario.
 * Backend colours avoid red and green: red means a failed request, green a VRRP master.
 */
final class Palette {

  static final String FAILED = "#d62728";
  static final String FAULT_SPAN = "#f5a623";
  static final String MARK_UP = "#2a9d3a";
  static final String MARK_DOWN = "#d62728";
  static final String MARK_INFO = "#555555";

  private static final String[] BACKENDS = {
      "#1f77b4", "#ff7f0e", "#9467bd", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"};
  /** Darker and duller than the backend colours, so a lane never reads as a request. */
  private static final String[] HOLDERS = {"#4b4f93", "#1b6f6a", "#8a4a78", "#6e6a2a"};
  /** DOWN and PAUSED: the node's container killed, stopped or frozen (drawn from the fault). */
  private static final Map<String, String> VRRP = Map.of(
      "MASTER", "#2ca02c",
      "BACKUP", "#a6c8e4",
      "FAULT", "#e45756",
      "INIT", "#d9d9d9",
      "STOP", "#5f5f5f",
      "DOWN", "#262626",
      "PAUSED", "#9c9c9c");
  /** Draw order of the legend: the order a node passes through them. */
  static final List<String> VRRP_ORDER = List.of("INIT", "BACKUP", "MASTER", "FAULT", "STOP",
      "DOWN", "PAUSED");
  /** Lane states that mean nobody holds the VIP: drawn hatched, it is an outage. */
  static final List<String> NOBODY = List.of("none", "NONE", "-", "nobody");

  private final Map<String, String> backends;
  private final Map<String, String> holders;

  Palette(Collection<String> backendNames, Collection<String> holderNames) {
    this.backends = assign(backendNames, BACKENDS);
    this.holders = assign(holderNames, HOLDERS);
  }

  String backend(String name) {
    return backends.getOrDefault(name, "#7f7f7f");
  }

  /** Fill for a lane segment: VRRP states fixed, "nobody" hatched, anything else a holder. */
  String state(String state) {
    String vrrp = VRRP.get(state);
    if (vrrp != null) {
      return vrrp;
    }
    if (NOBODY.contains(state)) {
      return "url(#hatch-none)";
    }
    if (splitBrain(state)) {
      return FAILED;
    }
    return holders.getOrDefault(state, "#7f7f7f");
  }

  /** Dark text on light fills, white on dark. */
  static String textOn(String state) {
    return switch (state) {
      case "BACKUP", "INIT" -> "#1d2b3a";
      default -> NOBODY.contains(state) ? "#8b1a1a" : "#ffffff";
    };
  }

  static boolean vrrp(String state) {
    return VRRP.containsKey(state);
  }

  /** Two holders at once, as an observer writes it ("lb-1+lb-2"). */
  static boolean splitBrain(String state) {
    return state.contains("+") || state.contains(",");
  }

  /** Natural order, so webserver-2 comes before webserver-10. */
  static final Comparator<String> NATURAL = Comparator
      .comparing((String s) -> s.replaceAll("\\d+$", ""))
      .thenComparingLong(s -> {
        String digits = s.replaceAll("^.*?(\\d+)$", "$1");
        return digits.equals(s) || digits.length() > 18 ? -1 : Long.parseLong(digits);
      })
      .thenComparing(Comparator.naturalOrder());

  private static Map<String, String> assign(Collection<String> names, String[] colours) {
    TreeSet<String> unique = new TreeSet<>(NATURAL);
    unique.addAll(names);
    List<String> sorted = new ArrayList<>(unique);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      out.put(sorted.get(i), colours[i % colours.length]);
    }
    return out;
  }
}
