package lbchaos.privilege;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity lines of {@code /proc/PID/status} (proc(5)): real, effective, saved and
 * filesystem uid and gid, supplementary groups, and the capability sets as hex masks.
 */
public record ProcStatus(List<Integer> uids, List<Integer> gids, List<Integer> groups,
    long capInh, long capPrm, long capEff, long capAmb) {

  public ProcStatus {
    if (uids.size() != 4 || gids.size() != 4) {
      throw new IllegalArgumentException("Uid and Gid lines have four ids (real, effective,"
          + " saved, filesystem): " + uids + " " + gids);
    }
    uids = List.copyOf(uids);
    gids = List.copyOf(gids);
    groups = List.copyOf(groups);
  }

  /** Parses the text of a status file; a missing identity line is an error. */
  public static ProcStatus parse(String text) {
    Map<String, String> fields = new TreeMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return new ProcStatus(ids(fields, "Uid"), ids(fields, "Gid"), idsOrEmpty(fields, "Groups"),
        mask(fields, "CapInh"), mask(fields, "CapPrm"), mask(fields, "CapEff"),
        fields.containsKey("CapAmb") ? mask(fields, "CapAmb") : 0);
  }

  private static String field(Map<String, String> f, String name) {
    String v = f.get(name);
    if (v == null) {
      throw new IllegalArgumentException("status has no " + name + " line");
    }
    return v;
  }

  private static List<Integer> ids(Map<String, String> f, String name) {
    return idsIn(field(f, name), name);
  }

  private static List<Integer> idsOrEmpty(Map<String, String> f, String name) {
    String v = f.getOrDefault(name, "");
    return v.isBlank() ? List.of() : idsIn(v, name);
  }

  private static List<Integer> idsIn(String v, String name) {
    List<Integer> out = new ArrayList<>();
    for (String w : v.split("\\s+")) {
      try {
        out.add(Integer.parseUnsignedInt(w));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + ": not an id: '" + w + "'", e);
      }
    }
    return out;
  }

  private static long mask(Map<String, String> f, String name) {
    try {
      return Long.parseUnsignedLong(field(f, name), 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not a hex mask", e);
    }
  }

  /**
   * What differs from a completed drop to {@code want} keeping exactly {@code keep}: every uid
   * and gid is the target (so none can be switched back to), the only group is the target
   * gid, no capability beyond {@code keep} is permitted, none is inheritable or ambient (so
   * scripts we start get none). Empty when the drop is complete.
   */
  public List<String> problems(Ids want, long keep) {
    List<String> p = new ArrayList<>();
    if (uids.stream().anyMatch(u -> u != want.uid())) {
      p.add("uids " + uids + " are not all " + want.uid());
    }
    if (gids.stream().anyMatch(g -> g != want.gid())) {
      p.add("gids " + gids + " are not all " + want.gid());
    }
    if (groups.stream().anyMatch(g -> g != want.gid())) {
      p.add("supplementary groups " + groups + " beyond " + want.gid());
    }
    if ((capPrm & ~keep) != 0) {
      p.add(String.format("permitted capabilities %x beyond %x", capPrm, keep));
    }
    if (capEff != keep) {
      p.add(String.format("effective capabilities %x, wanted %x", capEff, keep));
    }
    if (capInh != 0 || capAmb != 0) {
      p.add(String.format("inheritable %x / ambient %x capabilities would pass to children",
          capInh, capAmb));
    }
    return p;
  }
}
