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
import java.util.Set;

/**
 * Parses the keepalived.conf subset the article and common configs use: global_defs,
 * vrrp_script, vrrp_instance. Unknown keywords become {@link ConfigWarning}s naming file:line;
 * malformed input throws {@link ConfigException}.
 */
public final class KeepalivedParser {

  /** Top-level blocks keepalived has that we do not implement: warned, not failed. */
  private static final Set<String> UNSUPPORTED_TOP = Set.of("virtual_server",
      "virtual_server_group", "vrrp_sync_group", "static_ipaddress", "static_routes",
      "static_rules", "linkbeat_use_polling", "vrrp_track_process", "track_file",
      "vrrp_track_file", "garp_group", "real_server");

  private final Path file;
  private final Values v;
  private final List<ConfigWarning> warnings = new ArrayList<>();

  private KeepalivedParser(Path file) {
    this.file = file;
    this.v = new Values(file);
  }

  /** Reads and parses {@code file}. */
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

  /** Parses {@code text}; {@code file} only names it in messages. */
  public static KeepalivedConfig parse(Path file, String text) {
    return new KeepalivedParser(file).config(ConfReader.read(file, text));
  }

  void warn(ConfNode n, String message) {
    warnings.add(new ConfigWarning(file, n.line(), message));
  }

  Values values() {
    return v;
  }

  private KeepalivedConfig config(List<ConfNode> top) {
    GlobalDefs global = GlobalDefs.defaults();
    Map<String, VrrpScript> scripts = new LinkedHashMap<>();
    List<ConfNode> instanceNodes = new ArrayList<>();
    for (ConfNode n : top) {
      switch (n.keyword()) {
        case "global_defs" -> global = globalDefs(n);
        case "vrrp_script" -> {
          VrrpScript s = script(n);
          if (scripts.put(s.name(), s) != null) {
            throw v.error(n, "vrrp_script " + s.name() + " defined twice");
          }
        }
        case "vrrp_instance" -> instanceNodes.add(n);
        case "include" -> warn(n, "include is not followed: " + n.joinedArgs());
        default -> warn(n, (UNSUPPORTED_TOP.contains(n.keyword()) ? "not supported, ignored: "
            : "unknown keyword, ignored: ") + n.keyword());
      }
    }
    // Instances after scripts and global_defs, so their order in the file does not matter.
    InstanceParser ip = new InstanceParser(this, global, scripts);
    List<VrrpInstance> instances = new ArrayList<>();
    for (ConfNode n : instanceNodes) {
      VrrpInstance i = ip.instance(n);
      if (instances.stream().anyMatch(o -> o.name().equals(i.name()))) {
        throw v.error(n, "vrrp_instance " + i.name() + " defined twice");
      }
      instances.add(i);
    }
    warnings.sort(java.util.Comparator.comparingInt(ConfigWarning::line));
    return new KeepalivedConfig(file, global, scripts, instances, warnings);
  }

  private GlobalDefs globalDefs(ConfNode block) {
    Optional<String> routerId = Optional.empty();
    Optional<String> scriptUser = Optional.empty();
    boolean security = false;
    int version = 2;
    for (ConfNode n : block.children()) {
      switch (n.keyword()) {
        case "router_id" -> routerId = Optional.of(v.arg(n));
        case "script_user" -> scriptUser = Optional.of(n.joinedArgs());
        case "enable_script_security" -> security = true;
        case "vrrp_version" -> version = v.integer(n, 2, 3);
        default -> warn(n, "unknown global_defs keyword, ignored: " + n.keyword());
      }
    }
    return new GlobalDefs(routerId, scriptUser, security, version);
  }

  private VrrpScript script(ConfNode block) {
    if (block.args().size() != 1) {
      throw v.error(block, "vrrp_script needs exactly one name");
    }
    String name = block.args().getFirst();
    String script = null;
    Duration interval = Duration.ofSeconds(1);
    Duration timeout = null;
    int weight = 0;
    int fall = 1;
    int rise = 1;
    boolean initFail = false;
    for (ConfNode n : block.children()) {
      switch (n.keyword()) {
        case "script" -> script = n.joinedArgs();
        case "interval" -> interval = positive(n, v.seconds(n));
        case "timeout" -> timeout = positive(n, v.seconds(n));
        case "weight" -> {
          weight = v.integer(n, -VrrpScript.MAX_WEIGHT, VrrpScript.MAX_WEIGHT);
          if (n.args().size() > 1) {
            warn(n, "weight option not supported, ignored: " + n.args().get(1));
          }
        }
        case "fall" -> fall = v.integer(n, 1, 1_000_000);
        case "rise" -> rise = v.integer(n, 1, 1_000_000);
        case "init_fail" -> initFail = true;
        case "user" -> warn(n, "per-script user not supported; scripts run as this process");
        default -> warn(n, "unknown vrrp_script keyword, ignored: " + n.keyword());
      }
    }
    if (script == null || script.isBlank()) {
      throw v.error(block, "vrrp_script " + name + " has no script");
    }
    return new VrrpScript(name, script, interval, timeout == null ? interval : timeout, weight,
        fall, rise, initFail);
  }

  private Duration positive(ConfNode n, Duration d) {
    if (!d.isPositive()) {
      throw v.error(n, n.keyword() + " must be positive");
    }
    return d;
  }
}
