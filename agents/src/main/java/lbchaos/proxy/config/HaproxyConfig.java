package lbchaos.proxy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lbchaos.config.ConfigWarning;

/** A parsed, validated haproxy.cfg. Frontends and backends are in file order. */
public record HaproxyConfig(Path file, Global global, List<Frontend> frontends,
    List<Backend> backends, List<ConfigWarning> warnings) {

  public HaproxyConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(global, "global");
    frontends = List.copyOf(frontends);
    backends = List.copyOf(backends);
    warnings = List.copyOf(warnings);
  }

  public Optional<Frontend> frontend(String name) {
    return frontends.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public Optional<Backend> backend(String name) {
    return backends.stream().filter(b -> b.name().equals(name)).findFirst();
  }
}
