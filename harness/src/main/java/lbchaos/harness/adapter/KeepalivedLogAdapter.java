package lbchaos.harness.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lbchaos.event.ConfigReload;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;

/**
 * keepalived 2.2.7's own log lines (syslog "Keepalived_vrrp[645]: (VI_1) ..." or console
 * "Mon Jan  1 00:00:00 2024: (VI_1) ..."; the message is found anywhere in the line, and the
 * 1.x form "VRRP_Instance(VI_1) ..." is accepted too).
 *
 * <p>Stateful, one per log stream: it remembers each instance's state (so a change has a
 * "from"), the last line that explains the next change (a higher-priority advert, a priority 0
 * advert, a script turning the effective priority down), and which VIPs it has reported held.
 *
 * <p>VIPs: keepalived only names the addresses with -D (detailed logging), so the adapter takes
 * them from the config. Entering MASTER adds them; leaving MASTER (BACKUP, FAULT, Stopping)
 * removes them; "removing VIPs." removes them too. Without the config, an instance's VIP is
 * reported as "instance:NAME", which still lets the holder checks work per instance.
 */
final class KeepalivedLogAdapter implements LogAdapter {

  private static final String INST = "(?:VRRP_Instance)?\\((?<inst>[^)\\s]+)\\):? ";
  private static final Pattern STATE = Pattern.compile(INST
      + "Entering (?<state>MASTER|BACKUP|FAULT) STATE(?: \\((?<why>[^)]*)\\))?");
  private static final Pattern HIGHER = Pattern.compile(INST
      + "Master received advert from (?<from>\\S+) with (?:higher priority (?<prio>\\d+)"
      + "|same priority \\d+ but higher IP address)");
  private static final Pattern PREEMPT = Pattern.compile(INST
      + "received lower priority \\((?<prio>\\d+)\\) advert from (?<from>\\S+) - discarding");
  private static final Pattern PRIO0 = Pattern.compile(INST
      + "Backup received priority 0 advertisement");
  private static final Pattern TIMEOUT = Pattern.compile(INST
      + "Receive advertisement timeout");
  private static final Pattern FAULT_WHY = Pattern.compile(INST + "entering FAULT state (?<why>.*)$");
  private static final Pattern EFFECTIVE = Pattern.compile(INST
      + "Changing effective priority from (?<from>\\d+) to (?<to>\\d+)");
  private static final Pattern VIPS = Pattern.compile(INST
      + "(?<op>setting|adding|removing) (?:E-)?VIPs");
  private static final Pattern SENT0 = Pattern.compile(INST + "sent 0 priority");
  private static final Pattern STARTING = Pattern.compile("Starting Keepalived v");
  /** The VRRP process's reload_vrrp_thread; the parent's "Reloading ..." would count twice. */
  private static final Pattern RELOADING = Pattern.compile("(?:^|[\\]:] )Reloading$");
  /** reload_check_config found errors: the running config goes on. */
  private static final Pattern RELOAD_REFUSED = Pattern.compile("New config failed validation");
  private static final Pattern STOPPING = Pattern.compile("(?:^|[\\]:] )Stopping(?: Keepalived|$)");

  private final Map<String, List<String>> vipsByInstance;
  private final Map<String, VrrpRole> state = new HashMap<>();
  private final Map<String, String> pendingReason = new HashMap<>();
  private final Map<String, Set<String>> held = new HashMap<>();

  KeepalivedLogAdapter(Map<String, List<String>> vipsByInstance) {
    this.vipsByInstance = Map.copyOf(vipsByInstance);
  }

  @Override
  public synchronized List<Event> parse(long at, String source, String raw) {
    if (raw.isBlank()) {
      return List.of();
    }
    String line = raw.strip();
    List<Event> out = new ArrayList<>();
    Matcher m;
    if ((m = STATE.matcher(line)).find()) {
      VrrpRole to = VrrpRole.valueOf(m.group("state"));
      String inst = m.group("inst");
      String why = m.group("why") != null ? m.group("why") : pendingReason.get(inst);
      transition(at, source, inst, to, why, out);
      return out;
    }
    if ((m = HIGHER.matcher(line)).find()) {
      reason(m, "higher priority advert from " + m.group("from")
          + (m.group("prio") == null ? " (same priority, higher IP)"
              : " (priority " + m.group("prio") + ")"));
    } else if ((m = PREEMPT.matcher(line)).find()) {
      reason(m, "preempting " + m.group("from") + " (priority " + m.group("prio") + ")");
    } else if ((m = PRIO0.matcher(line)).find()) {
      reason(m, "priority 0 advert: master resigned");
    } else if ((m = TIMEOUT.matcher(line)).find()) {
      // After a priority 0 advert the backup's timer is only the skew time: that advert is the
      // cause, the timeout keepalived logs next is its consequence.
      String before = pendingReason.get(m.group("inst"));
      reason(m, before != null && before.startsWith("priority 0")
          ? before + " (skew time expired)" : "master down timer expired");
    } else if ((m = FAULT_WHY.matcher(line)).find()) {
      reason(m, m.group("why"));
    } else if ((m = EFFECTIVE.matcher(line)).find()) {
      reason(m, "effective priority " + m.group("from") + " -> " + m.group("to"));
    } else if ((m = VIPS.matcher(line)).find()) {
      out.add(new LogLine(at, source, line));
      vips(at, source, m.group("inst"), !"removing".equals(m.group("op")), out);
      return out;
    } else if ((m = SENT0.matcher(line)).find()) {
      reason(m, "stopping: sent priority 0");
    } else if (STARTING.matcher(line).find()) {
      // A new process. When the last one logged no "Stopping" it was killed: its instances
      // ended then (the harness records when); its VIPs went with the killed container's
      // network namespace, so none is reported removed here.
      out.add(new LogLine(at, source, line));
      for (String inst : List.copyOf(state.keySet())) {
        VrrpRole from = state.get(inst);
        if (from != VrrpRole.STOP && from != VrrpRole.INIT) {
          out.add(new VrrpStateChange(at, source, inst, from, VrrpRole.STOP,
              "process ended without a log line (killed); seen at restart"));
        }
      }
      state.clear();
      held.clear();
      pendingReason.clear();
      return out;
    } else if (RELOADING.matcher(line).find() || RELOAD_REFUSED.matcher(line).find()) {
      // The same event the Java agent writes; instance states go on (a reload keeps them).
      out.add(new LogLine(at, source, line));
      out.add(new ConfigReload(at, source, RELOADING.matcher(line).find(), line));
      return out;
    } else if (STOPPING.matcher(line).find()) {
      out.add(new LogLine(at, source, line));
      for (String inst : List.copyOf(state.keySet())) {
        transition(at, source, inst, VrrpRole.STOP, "keepalived stopping", out);
      }
      return out;
    }
    out.add(new LogLine(at, source, line));
    KeepalivedDrops.parse(at, source, line).ifPresent(out::add);
    return out;
  }

  private void reason(Matcher m, String why) {
    pendingReason.put(m.group("inst"), why);
  }

  private void transition(long at, String source, String inst, VrrpRole to, String why,
      List<Event> out) {
    VrrpRole from = state.getOrDefault(inst, VrrpRole.INIT);
    pendingReason.remove(inst);
    if (from == to) {
      return;
    }
    state.put(inst, to);
    out.add(new VrrpStateChange(at, source, inst, from, to,
        why != null ? why : defaultReason(from, to)));
    vips(at, source, inst, to == VrrpRole.MASTER, out);
  }

  /** Reports the instance's VIPs added or removed, once per change. */
  private void vips(long at, String source, String inst, boolean add, List<Event> out) {
    Set<String> h = held.computeIfAbsent(inst, k -> new LinkedHashSet<>());
    List<String> vips = vipsByInstance.getOrDefault(inst, List.of("instance:" + inst));
    for (String vip : vips) {
      if (add ? h.add(vip) : h.remove(vip)) {
        out.add(new VipChange(at, source, vip, add));
      }
    }
  }

  /** What keepalived does when it logs no cause: a backup's down timer, or start-up. */
  private static String defaultReason(VrrpRole from, VrrpRole to) {
    return switch (to) {
      case MASTER -> from == VrrpRole.INIT ? "start-up" : "master down timer expired";
      case BACKUP -> "higher priority master seen";
      case FAULT -> "fault";
      default -> to.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
