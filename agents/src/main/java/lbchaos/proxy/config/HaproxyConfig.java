package lbchaos.proxy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lbchaos.config.ConfigWarning;
import lbchaos.config.JavaRefusal;

/**
 * A parsed, validated haproxy.cfg. Frontends and backends are in file order.
 *
 * @param stickTables the sections' stick tables, named after them
 * @param errorFiles every errorfile and errorloc line its proxies use or its http-errors
 *     sections hold, in line order: each is read where the proxy runs, before it starts
 * @param patternFiles every pattern or map file its rules name, in line order: read as the
 *     config is parsed, where the proxy runs
 * @param warnings what haproxy accepts and the agent ignores, or finds suspicious, by line
 * @param javaRefusals lines haproxy acts on that the Java proxy agent does not implement: the
 *     java stack refuses the config (the reference stack runs it), by line
 */
public record HaproxyConfig(Path file, Global global, List<Frontend> frontends,
    List<Backend> backends, List<StickTable> stickTables, List<ErrorFile> errorFiles,
    List<PatternFile> patternFiles, List<ConfigWarning> warnings,
    List<JavaRefusal> javaRefusals) {

  public HaproxyConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(global, "global");
    frontends = List.copyOf(frontends);
    backends = List.copyOf(backends);
    stickTables = List.copyOf(stickTables);
    errorFiles = List.copyOf(errorFiles);
    patternFiles = List.copyOf(patternFiles);
    warnings = List.copyOf(warnings);
    javaRefusals = List.copyOf(javaRefusals);
  }

  public Optional<Frontend> frontend(String name) {
    return frontends.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public Optional<Backend> backend(String name) {
    return backends.stream().filter(b -> b.name().equals(name)).findFirst();
  }
}
