package lbchaos.vrrp.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.config.ConfigException;
import lbchaos.config.ConfigWarning;
import lbchaos.config.JavaRefusal;
import lbchaos.vrrp.config.KeywordSupport.Where;

/**
 * Parses the keepalived.conf subset the article and common configs use: global_defs,
 * vrrp_script, vrrp_instance, vrrp_sync_group. Malformed input throws one {@link ConfigException} listing every
 * error with file:line, found in one pass as {@code keepalived -t} does: an error in a statement
 * is recorded and the parse goes on with the next one. A keyword the agent does not implement is
 * a {@link JavaRefusal} or a {@link ConfigWarning}, as {@link KeywordSupport} says.
 */
public final class KeepalivedParser {

  private final Path file;
  private final Includes includes;
  private final Values v = new Values();
  private final List<ConfigWarning> warnings = new ArrayList<>();
  private final List<JavaRefusal> refusals = new ArrayList<>();
  private final List<ConfigException.Problem> errors = new ArrayList<>();

  private KeepalivedParser(Path file, Includes includes) {
    this.file = file;
    this.includes = includes;
  }

  /** Reads and parses {@code file} and the files it includes, where they are. */
  public static KeepalivedConfig parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, 0, "no such file");
    } catch (IOException e) {
      throw new ConfigException(file, 0, "cannot read: " + e.getMessage());
    }
    return parse(file, text);
  }

  /**
   * Parses {@code text}, written in {@code file}: names it in messages, and its relative includes
   * are read from its directory.
   */
  public static KeepalivedConfig parse(Path file, String text) {
    return parse(file, text, new Includes(Optional.empty()));
  }

  /**
   * Parses {@code text}, read from {@code file}, as it will run at {@code runsAs} (the harness
   * places a user's config at /etc/keepalived/keepalived.conf): an absolute include under
   * {@code runsAs}'s directory is read from {@code file}'s, and one elsewhere is an error.
   */
  public static KeepalivedConfig parse(Path file, String text, Path runsAs) {
    Path dir = file.toAbsolutePath().getParent();
    return parse(file, text, new Includes(Optional.of(new Includes.Placement(runsAs.getParent(),
        dir == null ? Path.of("/") : dir))));
  }

  private static KeepalivedConfig parse(Path file, String text, Includes includes) {
    KeepalivedParser p = new KeepalivedParser(file, includes);
    KeepalivedConfig c = p.config(ConfReader.read(file, text, includes, p.errors, p.warnings));
    if (!p.errors.isEmpty()) {
      p.errors.sort(ConfigException.inReadingOrder(p.readingOrder(),
          ConfigException.Problem::file, ConfigException.Problem::line));
      throw new ConfigException(p.errors);
    }
    return c;
  }

  /** The main file, then the included ones as they were read. */
  private List<Path> readingOrder() {
    List<Path> order = new ArrayList<>(List.of(file));
    order.addAll(includes.files());
    return order;
  }

  void warn(ConfNode n, String message) {
    warn(n.file(), n.line(), message);
  }

  void warn(Path at, int line, String message) {
    warnings.add(new ConfigWarning(at, line, message));
  }

  /** Records the error and lets the parse go on with the next statement. */
  void record(ConfigException e) {
    errors.addAll(e.problems());
  }

  /** Runs {@code step}; an error in it is recorded, not thrown. */
  void attempt(Runnable step) {
    try {
      step.run();
    } catch (ConfigException e) {
      record(e);
    }
  }

  /** How many errors so far: a block compares before and after to know whether it had any. */
  int errorCount() {
    return errors.size();
  }

  /**
   * A keyword the parser does not implement: refused for the java stack or warned, as
   * {@link KeywordSupport} says; a keyword keepalived does not have either is warned as unknown.
   */
  void unimplemented(Where where, ConfNode n) {
    unimplemented(where, n, n.keyword(), n.args());
  }

  void unimplemented(Where where, ConfNode n, String keyword, List<String> args) {
    Optional<KeywordSupport.Rule> rule = KeywordSupport.rule(where, keyword);
    if (rule.isEmpty()) {
      warn(n, "unknown " + where.label() + " keyword, ignored: " + keyword);
    } else if (rule.get().refuses(args)) {
      refuse(n, rule.get(), args);
    } else if (!rule.get().refused()) {
      warn(n, keyword + " ignored: " + rule.get().why());
    }
  }

  /** A keyword the parser reads, but whose value the agent may not honour. */
  void checkJava(Where where, ConfNode n) {
    KeywordSupport.rule(where, n.keyword()).filter(r -> r.refuses(n.args()))
        .ifPresent(r -> refuse(n, r, n.args()));
  }

  void refuse(ConfNode n, KeywordSupport.Rule rule, List<String> args) {
    refuse(n, rule, rule.what(args));
  }

  void refuse(ConfNode n, KeywordSupport.Rule rule, String what) {
    refuse(n, what, rule.why());
  }

  /** A refusal that is not one keyword's (a combination the agent does not model). */
  void refuse(ConfNode n, String what, String why) {
    refusals.add(new JavaRefusal(n.file(), n.line(), what, why));
  }

  Values values() {
    return v;
  }

  private KeepalivedConfig config(List<ConfNode> top) {
    GlobalDefs global = GlobalDefs.defaults();
    Map<String, VrrpScript> scripts = new LinkedHashMap<>();
    List<ConfNode> instanceNodes = new ArrayList<>();
    List<ConfNode> groupNodes = new ArrayList<>();
    for (ConfNode n : top) {
      try {
        switch (n.keyword()) {
          case "global_defs" -> global = globalDefs(n);
          case "vrrp_script" -> {
            VrrpScript s = script(n);
            if (s != null && scripts.put(s.name(), s) != null) {
              throw v.error(n, "vrrp_script " + s.name() + " defined twice");
            }
          }
          case "vrrp_instance" -> instanceNodes.add(n);
          case "vrrp_sync_group" -> groupNodes.add(n);
          default -> unimplemented(Where.TOP, n);
        }
      } catch (ConfigException e) {
        record(e);
      }
    }
    // Instances after scripts and global_defs, so their order in the file does not matter.
    InstanceParser ip = new InstanceParser(this, global, scripts);
    List<VrrpInstance> instances = new ArrayList<>();
    for (ConfNode n : instanceNodes) {
      try {
        VrrpInstance i = ip.instance(n);
        if (i == null) {
          continue;
        }
        if (instances.stream().anyMatch(o -> o.name().equals(i.name()))) {
          throw v.error(n, "vrrp_instance " + i.name() + " defined twice");
        }
        instances.add(i);
      } catch (ConfigException e) {
        record(e);
      }
    }
    // Groups after instances, as keepalived resolves their names (vrrp_sync_set_group).
    SyncGroupParser.Result synced = new SyncGroupParser(this).resolve(groupNodes, instances);
    warnings.sort(ConfigException.inReadingOrder(readingOrder(), ConfigWarning::file,
        ConfigWarning::line));
    refusals.sort(ConfigException.inReadingOrder(readingOrder(), JavaRefusal::file,
        JavaRefusal::line));
    return new KeepalivedConfig(file, includes.files(), global, scripts, synced.instances(),
        warnings, refusals, synced.groups());
  }

  private GlobalDefs globalDefs(ConfNode block) {
    Optional<String> routerId = Optional.empty();
    Optional<String> scriptUser = Optional.empty();
    boolean security = false;
    int version = 2;
    GarpKeywords garp = GarpKeywords.global(this);
    // notify_fifo and vrrp_notify_fifo: the FIFO line and its script line, by keyword.
    Map<String, ConfNode> fifo = new LinkedHashMap<>();
    Map<String, ConfNode> fifoScript = new LinkedHashMap<>();
    for (ConfNode n : block.children()) {
      try {
        switch (n.keyword()) {
          case "router_id" -> routerId = Optional.of(v.arg(n));
          case "notify_fifo", "vrrp_notify_fifo" -> once(fifo, n);
          case "notify_fifo_script", "vrrp_notify_fifo_script" -> {
            once(fifoScript, n);
            checkJava(Where.GLOBAL_DEFS, n);
          }
          case "script_user" -> scriptUser = Optional.of(n.joinedArgs());
          case "enable_script_security" -> security = true;
          case "vrrp_version" -> version = v.integer(n, 2, 3);
          case "vrrp_min_garp" -> garp.minGarp(n);
          default -> {
            String k = n.keyword();
            if (!k.startsWith("vrrp_") || !garp.read(n, k.substring("vrrp_".length()))) {
              unimplemented(Where.GLOBAL_DEFS, n);
            }
          }
        }
      } catch (ConfigException e) {
        record(e);
      }
    }
    return new GlobalDefs(routerId, scriptUser, security, version, garp.garp(),
        fifos(fifo, fifoScript));
  }

  /** keepalived reads the first of these lines and reports the next as an error. */
  private void once(Map<String, ConfNode> seen, ConfNode n) {
    if (n.args().isEmpty()) {
      throw v.error(n, n.keyword() + " needs " + (n.keyword().endsWith("_script")
          ? "a script" : "a FIFO path"));
    }
    if (seen.putIfAbsent(n.keyword(), n) != null) {
      throw v.error(n, n.keyword() + " already specified");
    }
  }

  /**
   * The FIFOs in keepalived's opening order (notify_fifo_open: the global one, then vrrp_'s). A
   * script without its FIFO is never started (fifo_open does nothing without a name).
   */
  private List<NotifyFifo> fifos(Map<String, ConfNode> fifo, Map<String, ConfNode> script) {
    List<NotifyFifo> out = new ArrayList<>();
    for (String k : List.of("notify_fifo", "vrrp_notify_fifo")) {
      ConfNode f = fifo.get(k);
      ConfNode sc = script.get(k + "_script");
      if (f == null) {
        if (sc != null) {
          warn(sc, sc.keyword() + " ignored: no " + k + " to read (keepalived starts it only"
              + " with its FIFO)");
        }
        continue;
      }
      List<String> owner = f.args().subList(1, f.args().size());
      out.add(new NotifyFifo(k, Path.of(f.args().getFirst()),
          owner.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", owner)),
          Optional.ofNullable(sc).map(ConfNode::joinedArgs)));
    }
    return out;
  }

  /** The script, or null when its block had errors (recorded). */
  private VrrpScript script(ConfNode block) {
    if (block.args().size() != 1) {
      throw v.error(block, "vrrp_script needs exactly one name");
    }
    int errorsBefore = errorCount();
    String name = block.args().getFirst();
    String script = null;
    Duration interval = Duration.ofSeconds(1);
    Duration timeout = null;
    int weight = 0;
    boolean reverse = false;
    int fall = 1;
    int rise = 1;
    boolean initFail = false;
    for (ConfNode n : block.children()) {
      try {
        switch (n.keyword()) {
          case "script" -> script = n.joinedArgs();
          case "interval" -> interval = positive(n, v.seconds(n));
          case "timeout" -> timeout = positive(n, v.seconds(n));
          case "weight" -> {
            weight = v.integer(n, -VrrpScript.MAX_WEIGHT, VrrpScript.MAX_WEIGHT);
            // keepalived 2.2.7 vrrp_vscript_weight_handler: "weight N [reverse]"
            if (n.args().size() > 1 && n.args().get(1).equals("reverse")) {
              reverse = true;
            } else if (n.args().size() > 1) {
              warn(n, "unknown weight option, ignored as keepalived does: " + n.args().get(1));
            }
          }
          case "fall" -> fall = v.integer(n, 1, 1_000_000);
          case "rise" -> rise = v.integer(n, 1, 1_000_000);
          case "init_fail" -> initFail = true;
          default -> unimplemented(Where.VRRP_SCRIPT, n);
        }
      } catch (ConfigException e) {
        record(e);
      }
    }
    if (script == null || script.isBlank()) {
      throw v.error(block, "vrrp_script " + name + " has no script");
    }
    if (errorCount() > errorsBefore) {
      return null;
    }
    return new VrrpScript(name, script, interval, timeout == null ? interval : timeout, weight,
        fall, rise, initFail, reverse);
  }

  private Duration positive(ConfNode n, Duration d) {
    if (!d.isPositive()) {
      throw v.error(n, n.keyword() + " must be positive");
    }
    return d;
  }
}
