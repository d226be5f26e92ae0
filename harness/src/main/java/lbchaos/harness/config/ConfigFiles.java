package lbchaos.harness.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.vrrp.config.KeepalivedParser;

/**
 * Reads a user's keepalived.conf or haproxy.cfg with the same parsers the Java agents use, so
 * that bad input is reported as file:line before anything starts.
 */
public final class ConfigFiles {

  /** A config file that cannot be used: the message is "file:line: what is wrong". */
  public static final class BadConfig extends RuntimeException {
    public BadConfig(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public enum Kind { KEEPALIVED, HAPROXY }

  private ConfigFiles() {}

  /** keepalived.conf has vrrp_ blocks or global_defs; anything else is taken for haproxy.cfg. */
  public static Kind kindOf(Path file) {
    String text = read(file);
    return text.matches("(?s).*\\b(vrrp_instance|vrrp_script|global_defs)\\b.*")
        ? Kind.KEEPALIVED : Kind.HAPROXY;
  }

  /** Parses the file; returns its warnings as "file:line: message". */
  public static List<String> check(Path file, Kind kind) {
    String text = read(file);
    try {
      return switch (kind) {
        case KEEPALIVED -> keepalived(file).warnings().stream().map(Object::toString).toList();
        case HAPROXY -> HaproxyConfigParser.parse(file, text).warnings().stream()
            .map(Object::toString).toList();
      };
    } catch (lbchaos.config.ConfigException e) {
      throw new BadConfig(e.getMessage(), e);
    }
  }

  /**
   * The parsed keepalived.conf, with the files it includes, as it runs where the harness places
   * it ({@link ReferenceConfigs#KEEPALIVED_PATH}: an include of /etc/keepalived/... is read from
   * beside it); {@link BadConfig} with file:line when it cannot be used.
   */
  public static lbchaos.vrrp.config.KeepalivedConfig keepalived(Path file) {
    try {
      return KeepalivedParser.parse(file, read(file), Path.of(ReferenceConfigs.KEEPALIVED_PATH));
    } catch (lbchaos.config.ConfigException e) {
      throw new BadConfig(e.getMessage(), e);
    }
  }

  /** The parsed haproxy.cfg; {@link BadConfig} with file:line when it cannot be used. */
  public static lbchaos.proxy.config.HaproxyConfig haproxy(Path file) {
    try {
      return HaproxyConfigParser.parse(file, read(file));
    } catch (lbchaos.config.ConfigException e) {
      throw new BadConfig(e.getMessage(), e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new BadConfig(file + ":0: cannot read (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")", e);
    }
  }
}
