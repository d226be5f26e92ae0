package lbchaos.vrrp.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import lbchaos.event.ConfigReload;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.LogLine;
import lbchaos.vrrp.agent.VrrpAgent.Opened;
import lbchaos.vrrp.agent.VrrpAgent.ScriptRoutes;
import lbchaos.config.ConfigException;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.ReloadDiff;
import lbchaos.vrrp.config.VrrpInstance;

/**
 * The running instances, and what SIGHUP does to them, as keepalived 2.2.7's reload_vrrp_thread
 * does: re-read the config and its includes, match the new instances to the running ones
 * ({@link ReloadDiff}), stop the dropped ones as at shutdown (priority 0, VIPs removed), reload
 * the kept ones without a state change, start the new ones as at start-up.
 *
 * <p>A config that does not parse, has a line the agent refuses or cannot be run changes
 * nothing: every error is logged with its file:line and the running config goes on. That is
 * keepalived with {@code reload_check_config} (the new config is checked by a child first, "New
 * config failed validation"); without it keepalived runs whatever part it could read, which for
 * a mistyped file can mean no instance at all, and a routine reload must not take the node out.
 */
final class Reloader {

  private final Path file;
  private final String name;
  private final Consumer<Event> sink;
  private final PrintStream err;
  private final ScriptRoutes routes;
  private final boolean noScriptHelper;
  private final Links links;
  private KeepalivedConfig current;
  private List<Running> running;
  private boolean stopped;

  /**
   * @param noScriptHelper the agent dropped its privileges without a script helper (the first
   *     config had no scripts): scripts added by a reload could not run as script_user
   * @param links where the instances' track monitors learn of their links
   */
  Reloader(Path file, String name, Consumer<Event> sink, PrintStream err, ScriptRoutes routes,
      boolean noScriptHelper, Links links, KeepalivedConfig current, List<Running> running) {
    this.file = file;
    this.name = name;
    this.sink = sink;
    this.err = err;
    this.routes = routes;
    this.noScriptHelper = noScriptHelper;
    this.links = links;
    this.current = current;
    this.running = List.copyOf(running);
  }

  synchronized void reload(String why) {
    if (stopped) {
      return;
    }
    log("Reloading (" + why + ")");
    KeepalivedConfig next;
    try {
      next = KeepalivedParser.parse(file);
    } catch (ConfigException e) {
      refuse(e.problems().stream().map(Object::toString).toList(), null);
      return;
    }
    List<String> problems = new ArrayList<>();
    next.javaRefusals().forEach(r -> problems.add(r.toString()));
    if (next.instances().isEmpty()) {
      problems.add(file + ": no vrrp_instance");
    }
    if (noScriptHelper && next.instances().stream().anyMatch(VrrpAgent::hasScripts)) {
      problems.add(file + ": track or notify scripts, but the agent started without any and"
          + " has no helper to run them as script_user; restart it to run them");
    }
    if (!current.globalDefs().fifos().isEmpty() || !next.globalDefs().fifos().isEmpty()) {
      // keepalived 2.2.7 reload_vrrp_thread closes the FIFOs, then opens them again (made anew
      // when it made them, the fifo script started again); the agent has dropped root by now.
      problems.add(file + ": a notify FIFO, which keepalived closes and opens again at a"
          + " reload, starting its script anew; the agent does not: restart it");
    }
    if (!current.syncGroups().isEmpty() || !next.syncGroups().isEmpty()) {
      // keepalived 2.2.7 rebuilds its sync groups at a reload and restores their state
      // (vrrp_dispatcher_init, restore_vrrp_state); the agent builds them at start-up only.
      problems.add(file + ": a vrrp_sync_group, which keepalived rebuilds at a reload; the"
          + " agent does not: restart it");
    }
    if (!problems.isEmpty()) {
      refuse(problems, null);
      return;
    }
    ReloadDiff diff = ReloadDiff.between(current.instances(), next.instances());
    List<Opened> opened = new ArrayList<>();
    try {
      for (VrrpInstance i : diff.added()) {
        opened.add(Opened.open(i));
      }
    } catch (IOException | RuntimeException e) {
      // After the privilege drop a raw socket needs CAP_NET_RAW, which is not kept.
      opened.forEach(Opened::close);
      refuse(List.of("cannot open the sockets of a new instance: " + e),
          "a new instance cannot start, keeping the running config");
      return;
    }
    next.warnings().forEach(w -> log("config warning: " + w));
    List<Running> after = new ArrayList<>();
    for (VrrpInstance gone : diff.removed()) {
      of(gone).stop();
    }
    for (ReloadDiff.Kept k : diff.kept()) {
      after.add(of(k.before()).reload(k.after(), name, sink, routes, links,
          !k.vipsAdded().isEmpty(),
          !k.vipsRemoved().isEmpty()));
    }
    for (Opened op : opened) {
      after.add(Running.start(op, name, sink, routes, links));
    }
    running = List.copyOf(after);
    current = next;
    String detail = why + ": " + diff.summary();
    err.println("vrrp: reloaded " + detail);
    sink.accept(new ConfigReload(Events.nowMicros(), name, true, detail));
  }

  /** Shutdown: every instance as at SIGTERM; no reload after this. */
  synchronized void stopAll() {
    stopped = true;
    running.forEach(Running::stop);
  }

  private Running of(VrrpInstance i) {
    return running.stream().filter(r -> r.instance() == i).findFirst().orElseThrow();
  }

  /** {@code why} null: the problems are errors in the file. */
  private void refuse(List<String> problems, String why) {
    problems.forEach(this::log);
    String detail = why != null ? why : problems.size()
        + (problems.size() == 1 ? " error" : " errors") + " in the new config, keeping the"
        + " running one";
    err.println("vrrp: reload refused: " + detail);
    sink.accept(new ConfigReload(Events.nowMicros(), name, false, detail));
  }

  private void log(String line) {
    err.println("vrrp: " + line);
    sink.accept(new LogLine(Events.nowMicros(), name, line));
  }
}
