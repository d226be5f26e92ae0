package lbchaos.proxy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.proxy.balance.AdminState;
import lbchaos.proxy.config.StatsSocket.Level;

/**
 * haproxy 2.6's runtime API (doc/management.txt section 9.3), the commands the agent implements:
 * parsing a command line and the answer, in haproxy's words (src/cli.c, server.c, stats.c,
 * proxy.c), pure: what the commands read and change is a {@link Target}. Each answer ends as
 * haproxy ends one outside interactive mode, with an empty line.
 *
 * <p>Implemented: help, prompt, quit, show info, show stat, show servers state [backend],
 * disable server, enable server, set server B/S state ready|drain|maint, set server B/S weight
 * N[%], get weight. Every other command answers haproxy's "Unknown command" help, listing only
 * these. Output options of show info and show stat (desc, json, typed, up, no-maint) are not
 * implemented: they answer the plain form.
 */
public final class RuntimeApi {

  /** What the commands read and change: the running proxy. */
  public interface Target {
    /** Whether a backend of that name exists. */
    boolean hasBackend(String backend);

    boolean hasServer(String backend, String server);

    /** Whether the backend's algorithm is static (static-rr, source: map-based). */
    boolean staticBalance(String backend);

    int initialWeight(String backend, String server);

    int weight(String backend, String server);

    void setState(String backend, String server, AdminState state);

    void setWeight(String backend, String server, int weight);

    /** "show stat": the stats CSV, header included. */
    String showStat();

    /** "show info": "Name: value" lines. */
    String showInfo();

    /** "show servers state": one line per server, without the two header lines. */
    String serversState(Optional<String> backend);
  }

  /** An answer, and whether the connection stays open (interactive mode) or closes. */
  public record Answer(String text, boolean interactive, boolean quit) {}

  static final String PERMISSION_DENIED = "Permission denied\n";
  static final String SERVERS_STATE_HEADER = "1\n# be_id be_name srv_id srv_name srv_addr"
      + " srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change"
      + " srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state"
      + " bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port"
      + " srv_check_addr srv_agent_addr srv_agent_port\n";

  /** haproxy's usage lines of the implemented commands, first words and text. */
  private static final String[][] USAGE = {
      {"disable server", "disable server (DEPRECATED)             : disable a server for"
          + " maintenance (use 'set server' instead)"},
      {"enable server", "enable server  (DEPRECATED)             : enable a disabled server (use"
          + " 'set server' instead)"},
      {"get weight", "get weight <bk>/<srv>                   : report a server's current"
          + " weight"},
      {"set server", "set server <bk>/<srv> [opts]            : change a server's state, weight,"
          + " address or ssl"},
      {"show info", "show info [desc|json|typed|float]*      : report information about the"
          + " running process"},
      {"show servers state", "show servers state [<backend>]          : dump volatile server"
          + " information (all or for a single backend)"},
      {"show stat", "show stat [desc|json|no-maint|typed|up]*: report counters for each proxy"
          + " and server"},
  };
  private static final String ALWAYS =
      "  help [<command>]                        : list matching or all commands\n"
      + "  prompt                                  : toggle interactive mode with prompt\n"
      + "  quit                                    : disconnect\n";

  private final Target target;
  private final Level level;

  public RuntimeApi(Target target, Level level) {
    this.target = target;
    this.level = level;
  }

  /**
   * Runs one request line: commands separated by ';' run in turn, each answer followed by the
   * prompt, "\n" or, in interactive mode, "\n> ".
   */
  public Answer run(String line, boolean interactive) {
    StringBuilder out = new StringBuilder();
    boolean prompt = interactive;
    for (String command : line.split(";")) {
      List<String> w = words(command);
      if (w.equals(List.of("quit"))) {
        return new Answer(out.toString(), prompt, true);
      }
      if (w.equals(List.of("prompt"))) {
        prompt = !prompt;
      } else if (!w.isEmpty() || prompt) {
        out.append(answer(w));
      }
      out.append(prompt ? "\n> " : "\n");
    }
    return new Answer(out.toString(), prompt, false);
  }

  static List<String> words(String command) {
    List<String> w = new ArrayList<>();
    for (String s : command.strip().split("[ \t]+")) {
      if (!s.isEmpty()) {
        w.add(s);
      }
    }
    return w;
  }

  /** The answer to one command, without the prompt that follows it. */
  String answer(List<String> w) {
    String a0 = w.isEmpty() ? "" : w.get(0);
    String a1 = w.size() > 1 ? w.get(1) : "";
    String a2 = w.size() > 2 ? w.get(2) : "";
    if (a0.equals("show") && a1.equals("info")) {
      return target.showInfo();
    }
    if (a0.equals("show") && a1.equals("stat")) {
      return target.showStat();
    }
    if (a0.equals("show") && a1.equals("servers") && a2.equals("state")) {
      Optional<String> be = w.size() > 3 ? Optional.of(w.get(3)) : Optional.empty();
      if (be.isPresent() && !target.hasBackend(be.get())) {
        return "Can't find backend.\n";
      }
      return SERVERS_STATE_HEADER + target.serversState(be);
    }
    if (a0.equals("get") && a1.equals("weight")) {
      return getWeight(a2);
    }
    if (a0.equals("set") && a1.equals("server")) {
      return admin(() -> setServer(w));
    }
    if ((a0.equals("disable") || a0.equals("enable")) && a1.equals("server")) {
      return admin(() -> server(a2, (b, s) -> {
        target.setState(b, s, a0.equals("disable") ? AdminState.MAINT : AdminState.READY);
        return "";
      }));
    }
    return usage(w);
  }

  private String admin(java.util.function.Supplier<String> command) {
    return level == Level.ADMIN ? command.get() : PERMISSION_DENIED;
  }

  private interface OnServer {
    String apply(String backend, String server);
  }

  /** cli_find_server: "backend/server" or haproxy's error. */
  private String server(String arg, OnServer then) {
    int slash = arg.indexOf('/');
    if (slash <= 0 || slash == arg.length() - 1) {
      return "Require 'backend/server'.\n";
    }
    String b = arg.substring(0, slash);
    String s = arg.substring(slash + 1);
    if (!target.hasBackend(b)) {
      return "No such backend.\n";
    }
    if (!target.hasServer(b, s)) {
      return "No such server.\n";
    }
    return then.apply(b, s);
  }

  private String setServer(List<String> w) {
    String what = w.size() > 3 ? w.get(3) : "";
    String value = w.size() > 4 ? w.get(4) : "";
    return server(w.size() > 2 ? w.get(2) : "", (b, s) -> switch (what) {
      case "state" -> switch (value) {
        case "ready" -> state(b, s, AdminState.READY);
        case "drain" -> state(b, s, AdminState.DRAIN);
        case "maint" -> state(b, s, AdminState.MAINT);
        default -> "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n";
      };
      case "weight" -> weight(b, s, value);
      default -> "usage: set server <backend>/<server> addr | agent | agent-addr | agent-port |"
          + " agent-send | check-addr | check-port | fqdn | health | ssl | state | weight\n";
    });
  }

  private String state(String b, String s, AdminState st) {
    target.setState(b, s, st);
    return "";
  }

  /** server_parse_weight_change_request: absolute 0..256 or relative N% of the initial one. */
  private String weight(String b, String s, String v) {
    if (v.isEmpty()) {
      return "Require <weight> or <weight%>.\n";
    }
    int digits = 0;
    if (digits < v.length() && (v.charAt(0) == '-' || v.charAt(0) == '+')) {
      digits++;
    }
    while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
      digits++;
    }
    if (digits == 0 || !Character.isDigit(v.charAt(digits - 1))) {
      return "Empty weight string empty or preceded by garbage";
    }
    long w;
    try {
      w = Long.parseLong(v.substring(0, digits));
    } catch (NumberFormatException e) {
      w = Long.MAX_VALUE; // haproxy's strtol saturates: out of range below
    }
    String rest = v.substring(digits);
    int initial = target.initialWeight(b, s);
    if (rest.equals("%")) {
      if (w < 0) {
        return "Relative weight must be positive.\n";
      }
      w = Math.min(256, initial * Math.min(w, 25600) / 100);
    } else if (w < 0 || w > 256) {
      return "Absolute weight can only be between 0 and 256 inclusive.\n";
    } else if (!rest.isEmpty()) {
      return "Trailing garbage in weight string";
    }
    if (w != 0 && w != initial && target.staticBalance(b)) {
      return "Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n";
    }
    target.setWeight(b, s, (int) w);
    return "";
  }

  /** cli_parse_get_weight: "W (initial I)", at any level. */
  private String getWeight(String arg) {
    return server(arg, (b, s) -> target.weight(b, s) + " (initial " + target.initialWeight(b, s)
        + ")\n");
  }

  /** cli_gen_usage_msg, over the implemented commands. */
  static String usage(List<String> w) {
    boolean help = !w.isEmpty() && w.getFirst().equals("help");
    List<String> args = help ? w.subList(1, w.size()) : w;
    List<String> matching = new ArrayList<>();
    for (String[] u : USAGE) {
      List<String> kw = words(u[0]);
      if (!args.isEmpty() && kw.getFirst().equals(args.getFirst())) {
        matching.add(u[1]);
      }
    }
    // haproxy says "Please enter ... only" for an empty command alone; for any word it says
    // "but maybe" and lists its fuzzy matches (here: the commands of the same first word, else
    // all of them)
    StringBuilder sb = new StringBuilder(help
        ? "The following commands are valid at this level:\n"
        : args.isEmpty() ? "Unknown command. Please enter one of the following commands only:\n"
            : "Unknown command, but maybe one of the following ones is a better match:\n");
    for (String[] u : USAGE) {
      if (matching.isEmpty() || matching.contains(u[1])) {
        sb.append("  ").append(u[1]).append('\n');
      }
    }
    return sb.append(ALWAYS).toString();
  }
}
