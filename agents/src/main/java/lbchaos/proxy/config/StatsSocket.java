package lbchaos.proxy.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A global "stats socket PATH [mode OCTAL] [level user|operator|admin]": where the runtime API
 * listens (a UNIX socket), its file mode, and what its commands may change.
 *
 * @param mode the socket file's permission bits; empty: as created (umask)
 */
public record StatsSocket(String path, Optional<Integer> mode, Level level) {

  /** haproxy's ACCESS_LVL_USER, _OPER, _ADMIN; "operator" is the default. */
  public enum Level {
    USER,
    OPERATOR,
    ADMIN;

    /** The level named {@code word}; haproxy's error otherwise. */
    public static Level of(String word) {
      return switch (word) {
        case "user" -> USER;
        case "operator" -> OPERATOR;
        case "admin" -> ADMIN;
        default -> throw new IllegalArgumentException("'level' only supports 'user', 'operator',"
            + " and 'admin' (got '" + word + "')");
      };
    }
  }

  public StatsSocket {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(level, "level");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("stats socket path must be absolute: " + path);
    }
    if (mode.isPresent() && (mode.get() < 0 || mode.get() > 07777)) {
      throw new IllegalArgumentException("stats socket mode out of range: " + mode.get());
    }
  }
}
