package lbchaos.vrrp.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import lbchaos.config.JavaRefusal;

/**
 * The one place that says what the Java VRRP agent does with each keepalived 2.2.7 keyword it
 * does not implement (the parsers implement the rest): either <b>refused</b>, because keepalived
 * behaves differently with it and the agent would drift (the java stack stops before anything
 * starts, {@link JavaRefusal}), or <b>warned</b>, because it has no effect on what the harness
 * tests (VRRP state, the VIP, adverts, GARPs, scripts on the LB). A keyword missing here is not a
 * keepalived 2.2.7 keyword of that block at all (keepalived itself logs "Unknown keyword" and
 * ignores it), so it is warned.
 *
 * <p>Sources: keepalived.conf(5) of 2.2.7 and its parsers (vrrp_parser.c, global_parser.c,
 * vrrp_ipaddress.c, vrrp_track.c); each entry says why in its text, which the user reads in the
 * refusal or the warning. Some keywords are refused only at a value that changes something (the
 * agent's behaviour is keepalived's default): {@code garp_master_delay 5} runs, {@code 10} is
 * refused. The GARP timing keywords (garp_master_*, garp_lower_prio_*, higher_prio_send_advert
 * and their global vrrp_ defaults, vrrp_min_garp) are implemented (GarpKeywords); the pacing of
 * GARPs within a burst (vrrp_garp_interval, garp_group) is not.
 */
public final class KeywordSupport {

  /** Where a keyword is written. */
  public enum Where {
    TOP("top-level"),
    GLOBAL_DEFS("global_defs"),
    VRRP_INSTANCE("vrrp_instance"),
    VRRP_SCRIPT("vrrp_script"),
    /** An option after a script's name in an instance's track_script block. */
    TRACK_SCRIPT("track_script"),
    /** An option after an address in virtual_ipaddress. */
    VIRTUAL_IPADDRESS("virtual_ipaddress"),
    VRRP_SYNC_GROUP("vrrp_sync_group");

    private final String label;

    Where(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param refused true: the java stack refuses the line (unless {@code noEffect} holds for its
   *     arguments); false: a warning
   * @param why what keepalived does with it, and why that matters or not
   * @param noEffect arguments at which the keyword changes nothing the agent does not do
   */
  public record Rule(Where where, String keyword, boolean refused, String why,
      Predicate<List<String>> noEffect) {

    /** Whether this line, with these arguments, stops the java stack. */
    public boolean refuses(List<String> args) {
      return refused && !noEffect.test(args);
    }

    /** How a refusal names the line: the keyword, with its value when the value decides. */
    String what(List<String> args) {
      return noEffect == NEVER || args.isEmpty() ? keyword : keyword + " " + String.join(" ", args);
    }
  }

  private static final Predicate<List<String>> NEVER = args -> false;

  /**
   * Not a keyword but a family: an IPv6 unicast_src_ip or unicast_peer. The agent runs IPv6
   * instances over multicast (ff02::12, link-local source, unsolicited neighbour adverts:
   * RawVrrp6Socket); its IPv6 socket has no unicast path (keepalived sends unicast IPv6 adverts
   * from unicast_src_ip with the hop limit given per packet, vrrp.c vrrp_build_ancillary_data).
   */
  public static final Rule IPV6 = new Rule(Where.VIRTUAL_IPADDRESS, "IPv6 unicast address", true,
      "keepalived sends IPv6 adverts to unicast peers; the agent's IPv6 adverts are multicast"
      + " only (ff02::12)", NEVER);

  private static final Map<String, Rule> RULES = new HashMap<>();

  /** What the parsers implement (KeepalivedParser, InstanceParser), per block. */
  private static final Map<Where, Set<String>> IMPLEMENTED = Map.of(
      Where.GLOBAL_DEFS, Set.of("router_id", "script_user", "enable_script_security",
          "vrrp_version", "vrrp_garp_master_delay", "vrrp_garp_master_repeat",
          "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat",
          "vrrp_garp_lower_prio_delay", "vrrp_garp_lower_prio_repeat",
          "vrrp_higher_prio_send_advert", "vrrp_min_garp", "notify_fifo", "vrrp_notify_fifo",
          "notify_fifo_script", "vrrp_notify_fifo_script"),
      Where.VRRP_INSTANCE, Set.of("state", "interface", "virtual_router_id", "priority",
          "advert_int", "version", "authentication", "virtual_ipaddress", "track_script",
          "track_interface", "dont_track_primary",
          "notify_master", "notify_backup", "notify_fault", "notify", "nopreempt", "preempt",
          "preempt_delay", "unicast_src_ip", "unicast_peer", "garp_master_delay",
          "garp_master_repeat", "garp_master_refresh", "garp_master_refresh_repeat",
          "garp_lower_prio_delay", "garp_lower_prio_repeat", "higher_prio_send_advert"),
      Where.VRRP_SCRIPT, Set.of("script", "interval", "timeout", "weight", "fall", "rise",
          "init_fail"),
      Where.VRRP_SYNC_GROUP, Set.of("group", "notify_master", "notify_backup", "notify_fault",
          "notify", "sync_group_tracking_weight", "global_tracking"));

  private KeywordSupport() {}

  /**
   * The keywords keepalived 2.2.7 knows inside a block opened by {@code blockKeyword}
   * (global_defs, vrrp_instance, vrrp_script, authentication), implemented or not; empty for
   * other blocks. {@link ConfReader} uses it to tell where a block left open was meant to end.
   */
  static Set<String> keywordsOf(String blockKeyword) {
    Where w = switch (blockKeyword) {
      case "global_defs" -> Where.GLOBAL_DEFS;
      case "vrrp_instance" -> Where.VRRP_INSTANCE;
      case "vrrp_script" -> Where.VRRP_SCRIPT;
      case "vrrp_sync_group" -> Where.VRRP_SYNC_GROUP;
      default -> null;
    };
    if (w == null) {
      return blockKeyword.equals("authentication") ? Set.of("auth_type", "auth_pass") : Set.of();
    }
    Set<String> all = new HashSet<>(IMPLEMENTED.get(w));
    RULES.values().stream().filter(r -> r.where() == w).forEach(r -> all.add(r.keyword()));
    return all;
  }

  /** What the agent does with {@code keyword} written at {@code where}; empty: not keepalived's. */
  public static Optional<Rule> rule(Where where, String keyword) {
    return Optional.ofNullable(RULES.get(where + " " + keyword));
  }

  /** Every rule, for documentation and tests. */
  public static List<Rule> rules() {
    return List.copyOf(RULES.values());
  }

  private static void refuse(Where w, String keyword, String why) {
    put(new Rule(w, keyword, true, why, NEVER));
  }

  /** Refused unless its arguments are one of {@code harmless} (keepalived's default). */
  private static void refuseUnless(Where w, String keyword, Set<String> harmless, String why) {
    put(new Rule(w, keyword, true, why,
        args -> args.size() == 1 && harmless.contains(args.getFirst())));
  }

  /**
   * An instance keyword and its default in global_defs ({@code vrrp_} + keyword), refused alike;
   * unless their argument is one of {@code harmless} when that is not empty.
   */
  private static void refuseWithDefault(String keyword, Set<String> harmless, String why) {
    for (Where w : List.of(Where.VRRP_INSTANCE, Where.GLOBAL_DEFS)) {
      String k = w == Where.GLOBAL_DEFS ? "vrrp_" + keyword : keyword;
      if (harmless.isEmpty()) {
        refuse(w, k, why);
      } else {
        refuseUnless(w, k, harmless, why);
      }
    }
  }

  private static void warn(Where w, String keyword, String why) {
    put(new Rule(w, keyword, false, why, NEVER));
  }

  private static void warnAll(Where w, String why, String... keywords) {
    for (String k : keywords) {
      warn(w, k, why);
    }
  }

  private static void put(Rule r) {
    if (RULES.put(r.where() + " " + r.keyword(), r) != null) {
      throw new IllegalStateException("two rules for " + r.where() + " " + r.keyword());
    }
  }

  /**
   * keepalived 2.2.7 (vrrp_arp.c) spaces the GARPs of an interface by this interval, and while one
   * waits it keeps one pending GARP per address: a burst of N repeats shrinks to two GARPs per
   * VIP (keepalived 2.3 counts the repeats instead). The agent sends a burst at once.
   */
  private static final String GARP_TIMING = "keepalived then spaces the gratuitous ARPs of an"
      + " interface by an interval (2.2.7 also collapses a burst's repeats to one queued GARP per"
      + " address); the agent sends each burst at once, keepalived's default";

  static {
    // ---- top level (keepalived's root keywords besides global_defs, vrrp_script, vrrp_instance)
    // vrrp_sync_group: implemented (SyncGroupParser, SyncCoordinator); issue 20 item 3.
    // The checker process programs IPVS: the VIP's traffic would be balanced by the kernel to
    // the real servers, health-checked by keepalived, instead of reaching the proxy as tested.
    refuse(Where.TOP, "virtual_server", "keepalived balances the VIP's traffic itself with IPVS"
        + " and health-checks the real servers; the java stack does neither");
    refuse(Where.TOP, "virtual_server_group", "a group of IPVS virtual servers, balanced and"
        + " checked by keepalived; the java stack does neither");
    // Added to the node at start-up whatever the VRRP state: the node's network differs.
    refuse(Where.TOP, "static_ipaddress", "keepalived adds these addresses at start-up");
    refuse(Where.TOP, "static_routes", "keepalived adds these routes at start-up");
    refuse(Where.TOP, "static_rules", "keepalived adds these routing rules at start-up");
    // Changes the gratuitous ARP/NA intervals of the interfaces named: wire timing.
    refuse(Where.TOP, "garp_group", GARP_TIMING);
    // keepalived enters that namespace before anything else: every address and socket moves.
    refuse(Where.TOP, "net_namespace", "keepalived runs in that network namespace");
    // Definitions only: nothing changes until an instance tracks them (track_process,
    // track_file, track_bfd in vrrp_instance are refused).
    warnAll(Where.TOP, "a definition only; tracking it from an instance is what changes the"
        + " state, and that is refused", "vrrp_track_process", "vrrp_track_file", "track_file",
        "bfd_instance", "track_group");
    // How link changes are detected or delayed. The agent takes each link change from an
    // rtnetlink RTM_NEWLINK event at once (keepalived's default); delaying them changes when an
    // instance goes FAULT or back, so that is refused; polling only changes how they are seen.
    refuse(Where.TOP, "interface_up_down_delays", "keepalived then acts on a link change that"
        + " long after it; the agent acts on each at once");
    warnAll(Where.TOP, "only how keepalived learns of link changes (polling instead of netlink);"
        + " the agent takes them from rtnetlink", "linkbeat_use_polling", "linkbeat_interfaces");
    // Process housekeeping: pid files, namespaces of IPVS/ipsets, child reaping.
    warnAll(Where.TOP, "process housekeeping, no effect on VRRP", "net_namespace_ipvs",
        "namespace_with_ipsets", "use_pid_dir", "instance", "child_wait_time");

    // ---- global_defs
    // vrrp_strict: no authentication, no unicast, no_accept (the VIP drops traffic unless the
    // owner), VRRPv2 only with whole-second adverts; keepalived refuses or changes the config.
    refuse(Where.GLOBAL_DEFS, "vrrp_strict", "strict RFC mode: keepalived drops traffic to the"
        + " VIP (no_accept) and rejects authentication and unicast");
    // vrrp_garp_master_delay, vrrp_down_timer_adverts and the like: the defaults of the instance
    // keywords, refused with them (refuseWithDefault, vrrp_instance below).
    // vrrp_garp_master_* and vrrp_garp_lower_prio_*, vrrp_min_garp: implemented (GarpKeywords).
    // keepalived refuses 0 itself (read_decimal_unsigned_strvec min 1), so 0 leaves the default.
    refuseUnless(Where.GLOBAL_DEFS, "vrrp_garp_interval", Set.of("0"), GARP_TIMING);
    refuseUnless(Where.GLOBAL_DEFS, "vrrp_mcast_group4", Set.of("224.0.0.18"), "the agent"
        + " advertises to 224.0.0.18 (RFC 5798 section 5.1.1.2)");
    refuseUnless(Where.GLOBAL_DEFS, "vrrp_startup_delay", Set.of("0"), "keepalived waits that"
        + " long before its instances start; the agent starts them at once");
    // notify_fifo, vrrp_notify_fifo and their scripts are implemented (NotifyFifo); a script
    // line with more words names the user and group it runs as (notify_script_init), which the
    // agent does not take: it runs the script as script_user.
    for (String k : List.of("notify_fifo_script", "vrrp_notify_fifo_script")) {
      put(new Rule(Where.GLOBAL_DEFS, k, true, "keepalived runs the script as the user (and"
          + " group) named after it; the agent runs it as script_user", args -> args.size() == 1));
    }
    // Only with a FIFO: keepalived writes a line when the priority changes
    // (send_instance_priority_notifies), and every state again on a reload; the agent does not.
    refuseUnless(Where.GLOBAL_DEFS, "vrrp_notify_priority_changes", Set.of("false"),
        "keepalived writes MASTER_PRIORITY/BACKUP_PRIORITY lines to the notify FIFO on each"
            + " priority change; the agent writes state changes only");
    refuse(Where.GLOBAL_DEFS, "fifo_write_vrrp_states_on_reload", "keepalived writes every"
        + " instance's state to the notify FIFO again on a reload; the agent does not");
    refuse(Where.GLOBAL_DEFS, "startup_script", "keepalived runs it at start-up");
    refuse(Where.GLOBAL_DEFS, "shutdown_script", "keepalived runs it at shut-down");
    // The agent never compares an advert's address list with its own: what this asks for.
    warn(Where.GLOBAL_DEFS, "vrrp_skip_check_adv_addr", "the agent never checks an advert's"
        + " addresses, which is what this asks");
    // The agent's IPv6 instances send to ff02::12 and space no neighbour adverts: refused.
    refuseUnless(Where.GLOBAL_DEFS, "vrrp_mcast_group6", Set.of("ff02::12"), "keepalived sends"
        + " IPv6 adverts to that group; the agent's go to ff02::12");
    refuseUnless(Where.GLOBAL_DEFS, "vrrp_gna_interval", Set.of("0"), "keepalived spaces"
        + " unsolicited neighbour adverts by it; the agent sends a burst's adverts back to back");
    // Only take effect with a keyword that is refused or a VMAC (use_vmac is refused).
    warnAll(Where.GLOBAL_DEFS, "only takes effect with something the agent refuses (a VMAC,"
        + " no_accept, start-up scripts)", "vrrp_garp_extra_if", "vrrp_vmac_garp_intvl", "vmac_prefix", "vmac_addr_prefix",
        "vrrp_iptables", "vrrp_ipsets", "nftables", "nftables_priority", "nftables_ifindex",
        "startup_script_timeout", "shutdown_script_timeout");
    // Mail and SNMP/DBus: reporting, not behaviour on the network.
    // Which include problems keepalived reports as config errors; the files read are the same.
    warn(Where.GLOBAL_DEFS, "include_check", "it only decides which include problems keepalived"
        + " reports as errors, and lbchaos reports each (an error with includer, includem,"
        + " includew, includeb or includea, else a warning); the files read are the same");
    warnAll(Where.GLOBAL_DEFS, "mail, SNMP or DBus reporting, no effect on VRRP",
        "notification_email_from", "smtp_server", "smtp_helo_name", "smtp_connect_timeout",
        "notification_email", "smtp_alert", "smtp_alert_vrrp", "smtp_alert_checker",
        "no_email_faults", "snmp_socket", "enable_traps", "enable_snmp_vrrp",
        "enable_snmp_keepalived", "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3",
        "enable_snmp_checker", "enable_dbus", "dbus_service_name", "log_unknown_vrids");
    // The checker (IPVS) and BFD processes: virtual_server and track_bfd are refused themselves.
    warnAll(Where.GLOBAL_DEFS, "the IPVS checker's or BFD's settings, not VRRP's",
        "checker_process_name", "lvs_process_name", "bfd_process_name", "checker_log_all_failures",
        "lvs_timeouts", "lvs_flush", "lvs_flush_on_stop", "lvs_flush_onstop", "lvs_sync_daemon",
        "nftables_ipvs", "nftables_ipvs_priority", "nftables_ipvs_start_fwmark", "nftables_counters",
        "lvs_notify_fifo", "lvs_notify_fifo_script", "checker_priority", "checker_no_swap",
        "checker_rt_priority", "checker_cpu_affinity", "checker_rlimit_rttime",
        "checker_rlimit_rtime", "bfd_priority", "bfd_no_swap", "bfd_rt_priority",
        "bfd_cpu_affinity", "bfd_rlimit_rttime", "bfd_rlimit_rtime", "lvs_netlink_cmd_rcv_bufs",
        "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
        "lvs_netlink_monitor_rcv_bufs_force", "rs_init_notifies", "no_checker_emails");
    // Scheduling, buffers, names, files: how the process runs, not what it sends or decides.
    warnAll(Where.GLOBAL_DEFS, "process settings, no effect on VRRP's behaviour",
        "process_names", "process_name", "vrrp_process_name", "max_auto_priority",
        "min_auto_priority_delay", "dynamic_interfaces", "default_interface",
        "disable_local_igmp", "vrrp_priority", "vrrp_no_swap", "vrrp_rt_priority",
        "vrrp_cpu_affinity", "vrrp_rlimit_rttime", "vrrp_rlimit_rtime",
        "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force",
        "vrrp_netlink_monitor_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs_force",
        "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force", "vrrp_rx_bufs_policy",
        "vrrp_rx_bufs_multiplier", "umask", "random_seed", "reload_check_config",
        "reload_time_file", "reload_repeat", "reload_file", "config_save_dir",
        "tmp_config_directory", "data_use_instance", "linkbeat_use_polling", "net_namespace_ipvs",
        "namespace_with_ipsets", "use_pid_dir", "instance", "child_wait_time");
    // Inside global_defs as well as at the top.
    refuse(Where.GLOBAL_DEFS, "net_namespace", "keepalived runs in that network namespace");

    // ---- vrrp_instance
    // A virtual MAC (00:00:5e:00:01:VRID) on a macvlan: adverts and GARPs leave from another MAC.
    for (String k : List.of("use_vmac", "use_vmac_addr", "vmac_xmit_base", "use_ipvlan")) {
      refuse(Where.VRRP_INSTANCE, k, "keepalived then sends from a virtual MAC interface; the"
          + " agent sends from the interface's own");
    }
    refuse(Where.VRRP_INSTANCE, "unicast_fault_no_peer", "keepalived then goes FAULT without a"
        + " unicast peer; the agent does not");
    refuseWithDefault("check_unicast_src", Set.of(), "keepalived then drops adverts from"
        + " addresses not in unicast_peer; the agent takes them");
    refuse(Where.VRRP_INSTANCE, "old_unicast_checksum", "keepalived then computes the unicast"
        + " checksum another way; the agent uses RFC 5798's");
    refuse(Where.VRRP_INSTANCE, "native_ipv6", "the instance would run over IPv6");
    refuse(Where.VRRP_INSTANCE, "vrf", "keepalived binds the instance to that VRF");
    // track_interface and dont_track_primary: implemented (InstanceParser, TrackedInterface,
    // the agent's LinkWatcher); issue 20 item 2.
    refuse(Where.VRRP_INSTANCE, "track_file", "keepalived changes the priority or goes FAULT"
        + " from a file's content");
    refuse(Where.VRRP_INSTANCE, "track_process", "keepalived changes the priority or goes FAULT"
        + " when a process is missing");
    refuse(Where.VRRP_INSTANCE, "track_bfd", "keepalived changes the priority or goes FAULT"
        + " with a BFD session");
    refuse(Where.VRRP_INSTANCE, "mcast_src_ip", "keepalived sends adverts from that address;"
        + " the agent sends from the interface's primary address");
    refuseUnless(Where.VRRP_INSTANCE, "mcast_dst_ip", Set.of("224.0.0.18"), "the agent"
        + " advertises to 224.0.0.18 (RFC 5798 section 5.1.1.2)");
    refuse(Where.VRRP_INSTANCE, "track_src_ip", "keepalived goes FAULT when the source address"
        + " goes away; the agent does not watch it");
    refuseUnless(Where.VRRP_INSTANCE, "unicast_ttl", Set.of("255"), "the agent sends adverts"
        + " with TTL 255 (RFC 5798 section 5.1.1.3)");
    refuse(Where.VRRP_INSTANCE, "virtual_ipaddress_excluded", "keepalived adds these addresses"
        + " with the VIPs; the agent would not add them");
    refuse(Where.VRRP_INSTANCE, "virtual_routes", "keepalived adds these routes as master");
    refuse(Where.VRRP_INSTANCE, "virtual_rules", "keepalived adds these rules as master");
    // The default outside strict mode is accept, and the agent never filters the VIP's traffic.
    warn(Where.VRRP_INSTANCE, "accept", "the default outside strict mode, and what the agent"
        + " does: the master receives the VIP's traffic");
    refuse(Where.VRRP_INSTANCE, "no_accept", "keepalived's master then drops traffic to the VIP"
        + " unless it is the address owner; the agent receives it");
    refuseUnless(Where.VRRP_INSTANCE, "strict_mode", Set.of("off", "false", "no"), "strict RFC"
        + " mode: keepalived drops traffic to the VIP and rejects authentication and unicast");
    refuse(Where.VRRP_INSTANCE, "notify_stop", "keepalived runs it when the instance stops");
    refuse(Where.VRRP_INSTANCE, "notify_master_rx_lower_pri", "keepalived runs it when its"
        + " master hears a lower priority");
    // garp_master_delay/_repeat/_refresh/_refresh_repeat, garp_lower_prio_delay/_repeat and
    // higher_prio_send_advert (and their vrrp_ defaults): implemented, GarpKeywords; issue 20
    // item 6.
    refuseWithDefault("down_timer_adverts", Set.of("3"), "the master down"
        + " interval is 3 adverts + skew in the agent (RFC 5798 section 6.1)");
    refuseWithDefault("lower_prio_no_advert", Set.of(), "keepalived's master then stays quiet"
        + " on hearing a lower priority; the agent answers at once");
    warn(Where.VRRP_INSTANCE, "skip_check_adv_addr", "the agent never checks an advert's"
        + " addresses, which is what this asks");
    warn(Where.VRRP_INSTANCE, "promote_secondaries", "only which address survives when an"
        + " interface's primary address is removed; the VIPs are not primaries");
    warn(Where.VRRP_INSTANCE, "linkbeat_use_polling", "only how keepalived learns of link"
        + " changes (polling instead of netlink); the agent takes them from rtnetlink");
    warnAll(Where.VRRP_INSTANCE, "only takes effect with something the agent refuses (a"
        + " VMAC)", "garp_extra_if", "vmac_garp_intvl");
    refuseUnless(Where.VRRP_INSTANCE, "notify_priority_changes", Set.of("false"),
        "keepalived writes MASTER_PRIORITY/BACKUP_PRIORITY lines to the notify FIFO on each"
            + " priority change; the agent writes state changes only");
    warn(Where.VRRP_INSTANCE, "notify_deleted", "keepalived notifies DELETED (else FAULT) when a"
        + " reload removes the instance; the agent stops it as at shutdown and notifies nothing");
    warnAll(Where.VRRP_INSTANCE, "reporting or process settings, no effect on VRRP", "debug",
        "smtp_alert", "lvs_sync_daemon_interface", "kernel_rx_buf_size");

    // ---- vrrp_sync_group (group, notify_*, sync_group_tracking_weight and global_tracking are
    // implemented: SyncGroupParser)
    for (String k : List.of("track_script", "track_interface", "track_file", "track_process",
        "track_bfd")) {
      refuse(Where.VRRP_SYNC_GROUP, k, "keepalived tracks it for every member of the group"
          + " (sync_group_tracking_init); the agent tracks per instance only (write it in each"
          + " vrrp_instance)");
    }
    refuse(Where.VRRP_SYNC_GROUP, "notify_stop", "keepalived runs it when the group stops");
    refuseUnless(Where.VRRP_SYNC_GROUP, "notify_priority_changes", Set.of("false"),
        "keepalived writes MASTER_PRIORITY/BACKUP_PRIORITY lines to the notify FIFO for the"
            + " group's members; the agent writes state changes only");
    warn(Where.VRRP_SYNC_GROUP, "smtp_alert", "reporting only, no effect on VRRP");

    // ---- vrrp_script
    // The check runs as another user: its result can differ (killall -0 on a root process).
    refuse(Where.VRRP_SCRIPT, "user", "keepalived runs the script as that user; the agent runs"
        + " it as script_user or its own");
    // ---- track_script entry options (after the script's name)
    // `chk weight N reverse` (vrrp_track.c alloc_track_script), or a vrrp_script's own
    // `weight N reverse` inherited by an entry that does not say noreverse: the weight's
    // multiplier is -1. Refused at the entry (where it takes effect); see TrackedScript.reverse.
    refuse(Where.TRACK_SCRIPT, "reverse", "keepalived 2.2 applies the weight reversed: a positive"
        + " weight is subtracted while the script succeeds, a negative one added while it fails,"
        + " weight 0 is FAULT while it succeeds");

    // ---- virtual_ipaddress options (after the address); dev and label are implemented.
    // keepalived leaves MASTER when a tracked VIP is deleted under it; with no_track it stays.
    // The agent never watches its VIPs, which is what no_track asks (see VirtualAddress).
    refuseUnless(Where.VIRTUAL_IPADDRESS, "scope", Set.of("global", "universe"), "keepalived"
        + " adds the VIP with that scope; the agent adds it global");
    refuse(Where.VIRTUAL_IPADDRESS, "peer", "keepalived adds a point-to-point address");
    refuse(Where.VIRTUAL_IPADDRESS, "use_vmac", "keepalived puts the address on a virtual MAC"
        + " interface");
    warnAll(Where.VIRTUAL_IPADDRESS, "only the address's broadcast, no effect on VRRP or"
        + " unicast traffic", "broadcast", "brd");
    warnAll(Where.VIRTUAL_IPADDRESS, "IPv6 address flags; the agent's VIPs are IPv4", "home",
        "-nodad", "mngtmpaddr", "autojoin", "preferred_lft");
    warn(Where.VIRTUAL_IPADDRESS, "noprefixroute", "no prefix route for the VIP's subnet; the"
        + " VIP is on the interface's own subnet, whose route is there already");
    warn(Where.VIRTUAL_IPADDRESS, "track_group", "static addresses only; keepalived ignores it"
        + " on a VIP");
  }
}
