package lbchaos.harness.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lbchaos.harness.topology.AddressPlan;
import lbchaos.vrrp.state.Garp;

/**
 * Renders the configs of the article's form for a topology: one keepalived.conf per LB, one
 * haproxy.cfg for all, and the two scripts the article installs. Both stacks read these same
 * files; that is the point of the project.
 */
public final class ReferenceConfigs {

  public static final String KEEPALIVED_PATH = "/etc/keepalived/keepalived.conf";
  public static final String HAPROXY_PATH = "/etc/haproxy/haproxy.cfg";
  /** An https run's certificate and key (LbSettings#https), made when the run starts. */
  public static final String CERT_PATH = "/etc/haproxy/lbchaos.pem";
  /** The runtime API's socket, where Debian's packaged haproxy.cfg puts it. */
  public static final String STATS_SOCKET = "/run/haproxy/admin.sock";
  public static final String CHECK_SCRIPT_PATH = "/etc/keepalived/check_apiserver.sh";
  public static final String NOTIFY_SCRIPT_PATH = "/etc/keepalived/status_capture.sh";
  /** The notify FIFO (vrrp_notify_fifo) when the settings ask for one; the daemon creates it. */
  public static final String NOTIFY_FIFO_PATH = "/tmp/lbchaos-notify.fifo";
  public static final String FIFO_SCRIPT_PATH = "/etc/keepalived/notify_fifo_reader.sh";
  /** The sync group's generic notify script (LbSettings.SyncGroup.GROUPED). */
  public static final String GROUP_NOTIFY_PATH = "/etc/keepalived/group_notify.sh";
  public static final int PORT = 80;

  /**
   * Where scripts write lines for the harness: the supervisor's stdout, which is the container
   * log. Not its stderr: the supervisor sits in "wait -n 2>/dev/null", so while it waits (nearly
   * always) /proc/1/fd/2 is /dev/null and a line written there is lost.
   */
  public static final String CONTAINER_LOG = "/proc/1/fd/1";

  private ReferenceConfigs() {}

  public static String keepalived(AddressPlan plan, int vrid, int lbIndex, LbSettings s) {
    StringBuilder b = new StringBuilder();
    b.append("global_defs {\n")
        .append("  router_id loadbalancer-").append(lbIndex + 1).append('\n')
        .append("  script_user root\n")
        .append("  enable_script_security\n");
    if (s.notifications().fifo()) {
      // The vrrp_ one: keepalived's checker process, when it runs, also opens a plain
      // notify_fifo and starts a second copy of its script, and two readers split the lines.
      b.append("  vrrp_notify_fifo ").append(NOTIFY_FIFO_PATH).append('\n')
          .append("  vrrp_notify_fifo_script ").append(FIFO_SCRIPT_PATH).append('\n');
    }
    b.append("}\n\n")
        .append("vrrp_script check_apiserver {\n")
        .append("  script \"").append(CHECK_SCRIPT_PATH).append("\"\n")
        .append("  interval ").append(s.checkInterval()).append('\n')
        .append("  weight ").append(s.checkWeight()).append('\n')
        .append("  fall ").append(s.checkFall()).append('\n')
        .append("  rise ").append(s.checkRise()).append('\n')
        .append("}\n\n");
    // master-down-ipv6's negative case: only the first LB's instance is IPv6.
    String vip = s.ipv6() == LbSettings.Ipv6.FIRST_LB_ONLY && lbIndex > 0 ? plan.vip4()
        : plan.vip();
    instance(b, plan, "VI_1", vrid, vip, lbIndex, s, true);
    if (s.syncGroup() != LbSettings.SyncGroup.NONE) {
      // A second instance beside it: its own VRID and VIP, nothing tracked but its link, so
      // that only the group can move it when VI_1's check fails.
      instance(b, plan, "VI_2", vrid % 255 + 1, plan.vip2(), lbIndex, s, false);
    }
    if (s.syncGroup() == LbSettings.SyncGroup.GROUPED) {
      b.append("\nvrrp_sync_group VG {\n")
          .append("  group {\n    VI_1\n    VI_2\n  }\n")
          .append("  notify ").append(GROUP_NOTIFY_PATH).append('\n')
          .append("}\n");
    }
    return b.toString();
  }

  private static void instance(StringBuilder b, AddressPlan plan, String name, int vrid,
      String vip, int lbIndex, LbSettings s, boolean tracked) {
    b.append(tracked ? "" : "\n").append("vrrp_instance ").append(name).append(" {\n")
        // nopreempt and preempt_delay only work from initial state BACKUP (keepalived.conf(5)).
        .append("  state ").append(lbIndex == 0 && !s.nopreempt() && s.preemptDelay().isZero()
            ? "MASTER" : "BACKUP").append('\n')
        .append("  interface eth0\n")
        .append("  virtual_router_id ").append(vrid).append('\n')
        .append("  priority ").append(s.priority(lbIndex)).append('\n')
        .append("  advert_int ").append(advert(s)).append('\n');
    if (s.version() == 3) {
      // keepalived 2.2.7 honours "version 3" here; "vrrp_version 3" here is ignored.
      b.append("  version 3\n");
    }
    if (s.unicast()) {
      // keepalived.conf(5): adverts go from unicast_src_ip to each unicast_peer, not 224.0.0.18.
      b.append("  unicast_src_ip ").append(plan.lbs().get(lbIndex)).append('\n')
          .append("  unicast_peer {\n");
      for (int i = 0; i < plan.lbs().size(); i++) {
        if (i != lbIndex) {
          b.append("    ").append(plan.lbs().get(i)).append('\n');
        }
      }
      b.append("  }\n");
    }
    if (s.nopreempt()) {
      b.append("  nopreempt\n");
    }
    if (!s.preemptDelay().isZero()) {
      b.append("  preempt_delay ").append(s.preemptDelay().toSeconds()).append('\n');
    }
    garp(b, s.garp());
    if (s.dontTrackPrimary()) {
      b.append("  dont_track_primary\n");
    }
    if (s.version() == 2) {
      // VRRPv3 has no authentication (RFC 5798 section 9); keepalived rejects it there.
      b.append("  authentication {\n")
          .append("    auth_type PASS\n")
          .append("    auth_pass ").append(s.authPass()).append('\n')
          .append("  }\n");
    }
    // An IPv6 VIP makes the instance IPv6 (keepalived 2.2.7: the first VIP sets the family);
    // the test network's prefix either way.
    b.append("  virtual_ipaddress {\n")
        .append("    ").append(vip).append('/').append(vip.contains(":") ? plan.vipPrefixLength()
            : 24).append('\n')
        .append("  }\n");
    if (tracked) {
      b.append("  track_script {\n")
          .append("    check_apiserver\n")
          .append("  }\n")
          .append("  notify_master \"").append(NOTIFY_SCRIPT_PATH).append(" MASTER\"\n")
          .append("  notify_backup \"").append(NOTIFY_SCRIPT_PATH).append(" BACKUP\"\n")
          .append("  notify_fault  \"").append(NOTIFY_SCRIPT_PATH).append(" FAULT\"\n");
    }
    b.append("}\n");
  }

  /** The GARP keywords whose value is not keepalived 2.2.7's default. */
  private static void garp(StringBuilder b, Garp g) {
    Garp d = Garp.DEFAULT;
    if (!g.masterDelay().equals(d.masterDelay())) {
      b.append("  garp_master_delay ").append(g.masterDelay().toSeconds()).append('\n');
    }
    if (g.masterRepeat() != d.masterRepeat()) {
      b.append("  garp_master_repeat ").append(g.masterRepeat()).append('\n');
    }
    if (!g.refresh().equals(d.refresh())) {
      b.append("  garp_master_refresh ").append(g.refresh().toSeconds()).append('\n');
    }
    if (g.refreshRepeat() != d.refreshRepeat()) {
      b.append("  garp_master_refresh_repeat ").append(g.refreshRepeat()).append('\n');
    }
    if (!g.lowerPrioDelay().equals(d.lowerPrioDelay())) {
      b.append("  garp_lower_prio_delay ").append(g.lowerPrioDelay().toSeconds()).append('\n');
    }
    if (g.lowerPrioRepeat() != d.lowerPrioRepeat()) {
      b.append("  garp_lower_prio_repeat ").append(g.lowerPrioRepeat()).append('\n');
    }
    if (g.higherPrioSendAdvert()) {
      b.append("  higher_prio_send_advert\n");
    }
  }

  private static String advert(LbSettings s) {
    long ms = s.advertInterval().toMillis();
    return ms % 1000 == 0 ? Long.toString(ms / 1000)
        : String.format(Locale.ROOT, "%.2f", ms / 1000.0).replaceAll("0$", "");
  }

  /**
   * Extra lines haproxy reads from the frontend, not the backend (a client connection's timeouts:
   * mux_h1.c takes "timeout http-request" from the frontend): they go in "defaults", after the
   * rendered timeouts, which they override, so that the frontend has them.
   */
  static final List<String> FRONTEND_TIMEOUTS = List.of("timeout client ",
      "timeout http-request ", "timeout http-keep-alive ", "timeout client-fin ");

  /**
   * Extra lines that configure the frontend's access log ("log global", "log-format ...",
   * "option httplog"): they go in the frontend. With any of them the global section logs to
   * stdout (raw, haproxy's own message only), which is the container log the harness reads, so
   * that "log global" gives the History haproxy's access log; without them nothing is logged
   * (access logs cost a line per request: only a scenario that asks for them has them).
   */
  static final List<String> FRONTEND_LOGGING = List.of("log ", "log-format ", "no log",
      "option httplog", "option tcplog");

  /** What "log global" in a haproxy extra logs to. */
  public static final String GLOBAL_LOG = "log stdout format raw local0";

  public static String haproxy(AddressPlan plan, LbSettings s) {
    String raw = extra(plan, s.haproxyExtra());
    String logging = raw.lines().map(String::strip)
        .filter(l -> FRONTEND_LOGGING.stream().anyMatch(l::startsWith))
        .map(l -> "  " + l + "\n").collect(java.util.stream.Collectors.joining());
    String all = raw.lines()
        .filter(l -> FRONTEND_LOGGING.stream().noneMatch(l.strip()::startsWith))
        .collect(java.util.stream.Collectors.joining("\n"));
    String front = all.lines().map(String::strip)
        .filter(l -> FRONTEND_TIMEOUTS.stream().anyMatch(l::startsWith))
        .map(l -> "  " + l + "\n").collect(java.util.stream.Collectors.joining());
    String extra = all.lines()
        .filter(l -> FRONTEND_TIMEOUTS.stream().noneMatch(l.strip()::startsWith))
        .collect(java.util.stream.Collectors.joining("\n"));
    // An extra "mode http" makes the frontend http too: haproxy refuses a frontend whose mode
    // differs from its backend's.
    String mode = s.httpMode() ? "http" : extra.lines().map(String::strip)
        .filter(l -> l.startsWith("mode ")).reduce((first, last) -> last)
        .map(l -> l.substring("mode ".length()).strip()).orElse("tcp");
    StringBuilder b = new StringBuilder()
        // Stated, not left to haproxy, which derives its default from the descriptor limit the
        // container happens to get; our proxy's default is this same figure. It must allow the
        // bench's 1,000 held client connections (each also holds a server connection).
        .append("global\n")
        .append("  maxconn ").append(lbchaos.proxy.config.Global.DEFAULT_MAXCONN).append('\n')
        // Debian's packaged haproxy.cfg has this line: the runtime API, which rolling-maintenance
        // drains servers through (both stacks implement it).
        .append("  stats socket ").append(STATS_SOCKET).append(" mode 660 level admin\n")
        .append(logging.isEmpty() ? "" : "  " + GLOBAL_LOG + "\n").append('\n')
        .append("defaults\n")
        .append("  mode ").append(mode).append('\n')
        .append("  timeout connect 10s\n")
        .append("  timeout client 30s\n")
        .append("  timeout server 30s\n")
        .append(front).append('\n')
        .append("frontend apiserver\n")
        .append("  bind ").append(plan.vip()).append(':').append(PORT)
        .append(s.https() ? " ssl crt " + CERT_PATH + " alpn http/1.1" : "").append('\n')
        .append("  mode ").append(mode).append('\n')
        .append(mode.equals("http") ? "  option httplog\n  option forwardfor\n"
            : "  option tcplog\n")
        .append(logging)
        .append("  default_backend apiserver\n\n")
        .append("backend apiserver\n")
        .append("  mode ").append(mode).append('\n');
    // An extra "balance" or "server" line replaces the rendered one(s), so that a variant
    // (static-rr, weights) reads as haproxy would be configured by hand.
    if (!declares(extra, "balance")) {
      b.append("  balance roundrobin\n");
    }
    if (!extra.isBlank()) {
      b.append("  ").append(extra.strip()).append('\n');
    }
    List<String> web = plan.webservers();
    for (int i = 0; i < web.size() && !declares(extra, "server"); i++) {
      b.append("  server backend-").append(i + 1).append(' ').append(web.get(i)).append(':')
          .append(PORT).append(" check\n");
    }
    return b.toString();
  }

  /** The extra backend lines with "${webserver-N}" replaced by that webserver's address. */
  static String extra(AddressPlan plan, String extra) {
    String out = extra;
    List<String> web = plan.webservers();
    for (int i = web.size(); i >= 1; i--) {
      out = out.replace("${webserver-" + i + "}", web.get(i - 1));
    }
    if (out.contains("${webserver-")) {
      throw new IllegalArgumentException("haproxy extra names a webserver the topology lacks ("
          + web.size() + " webservers): " + extra);
    }
    return out;
  }

  private static boolean declares(String extra, String keyword) {
    return extra.lines().map(String::strip).anyMatch(l -> l.startsWith(keyword + " "));
  }

  /** The article's check: when this node holds the VIP, a GET through the VIP must work. */
  public static String checkScript(AddressPlan plan) {
    return checkScript(plan, false);
  }

  /** As above; over HTTPS (curl -k, the run's own certificate) when the frontend binds ssl. */
  public static String checkScript(AddressPlan plan, boolean https) {
    return "#!/bin/sh\n\n"
        + "VIP=" + plan.vip() + "\n"
        + "LB_BINDED_PORT=" + PORT + "\n\n"
        + "errorExit() {\n"
        + "    echo \"*** $*\" 1>&2\n"
        + "    exit 1\n"
        + "}\n\n"
        + "if ip addr | grep -q \"$VIP/\"; then\n"
        + "    curl --silent " + (plan.ipv6() ? "--globoff " : "") + "--max-time 2 "
        + (https ? "--insecure https://" : "")
        + (plan.ipv6() ? "[$VIP]" : "$VIP") + ":$LB_BINDED_PORT/ -o /dev/null"
        + " || errorExit \"Error GET to $VIP on $LB_BINDED_PORT\"\n"
        + "fi\n";
  }

  /** The article's notify script; it also writes one line to the container log for the harness. */
  public static String notifyScript() {
    return notifyScript(LbSettings.Notify.SCRIPTS);
  }

  /** As above; with {@code WRONG_STATE} the harness's line names the opposite state. */
  public static String notifyScript(LbSettings.Notify n) {
    String state = n == LbSettings.Notify.WRONG_STATE
        ? "$(case $1 in MASTER) echo BACKUP;; BACKUP) echo MASTER;; *) echo $1;; esac)" : "$1";
    return "#!/bin/bash\n\n"
        + "echo \"$(date): The loadbalancer instance running on $(hostname) is currently"
        + " marked $1\" | tee /tmp/load-balancer-status\n"
        + "echo \"lbchaos-notify " + state + "\" > " + CONTAINER_LOG + " 2>/dev/null || true\n"
        + "chmod 755 /tmp/load-balancer-status || true\n";
  }

  /**
   * The sync group's generic notify script: keepalived calls it with "GROUP", the group's name,
   * the state and 0; it writes "lbchaos-notify GROUP VG MASTER" for the harness.
   */
  public static String groupNotifyScript() {
    return "#!/bin/sh\n"
        + "echo \"lbchaos-notify $1 $2 $3\" > " + CONTAINER_LOG + " 2>/dev/null || true\n";
  }

  /**
   * The notify_fifo_script: the daemon starts it once with the FIFO as its argument, and it
   * copies each line ({@code INSTANCE "VI_1" MASTER 254}) to the container log, in the order
   * read, as "lbchaos-fifo LINE". With {@code WRONG_STATE} it swaps MASTER and BACKUP.
   */
  public static String fifoScript(LbSettings.Notify n) {
    String swap = n == LbSettings.Notify.WRONG_STATE
        ? "  case $line in\n"
            + "    *'\" MASTER '*) line=${line/\\\" MASTER /\\\" BACKUP } ;;\n"
            + "    *'\" BACKUP '*) line=${line/\\\" BACKUP /\\\" MASTER } ;;\n"
            + "  esac\n" : "";
    return "#!/bin/bash\n\n"
        + "while IFS= read -r line; do\n"
        + swap
        + "  echo \"lbchaos-fifo $line\" > " + CONTAINER_LOG + " 2>/dev/null || true\n"
        + "done < \"$1\"\n";
  }

  /** All files one LB needs, by path in the container. */
  public static List<FileSpec> forLb(AddressPlan plan, int vrid, int lbIndex, LbSettings s) {
    List<FileSpec> files = new ArrayList<>();
    files.add(new FileSpec(KEEPALIVED_PATH, keepalived(plan, vrid, lbIndex, s), 0644));
    files.add(new FileSpec(HAPROXY_PATH, haproxy(plan, s), 0644));
    files.add(new FileSpec(CHECK_SCRIPT_PATH, checkScript(plan, s.https()), 0755));
    if (s.https()) {
      files.add(new FileSpec(CERT_PATH, lbchaos.harness.tls.TestCertificate.pem(), 0600));
    }
    files.add(new FileSpec(NOTIFY_SCRIPT_PATH, notifyScript(s.notifications()), 0755));
    if (s.notifications().fifo()) {
      files.add(new FileSpec(FIFO_SCRIPT_PATH, fifoScript(s.notifications()), 0755));
    }
    if (s.syncGroup() == LbSettings.SyncGroup.GROUPED) {
      files.add(new FileSpec(GROUP_NOTIFY_PATH, groupNotifyScript(), 0755));
    }
    return files;
  }

  /** A file to place in a container. */
  public record FileSpec(String path, String content, int mode) {

    /** Only its owner may read it (a private key): it stays out of the evidence. */
    public boolean secret() {
      return (mode & 0077) == 0;
    }
  }
}
