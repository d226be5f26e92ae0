package lbchaos.proxy.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An "errorfile STATUS FILE" line of a proxy section: the answer haproxy sends instead of its
 * own page for STATUS (haproxy 2.6 http_htx.c proxy_parse_errorfile). The file is read where the
 * proxy runs ({@link #load}), not where the configuration is checked: a host that lints a
 * haproxy.cfg need not hold Debian's /etc/haproxy/errors.
 *
 * @param status a status haproxy has a page for ({@link lbchaos.proxy.acl.Answer#hasPage})
 * @param path as written; relative paths are taken from the proxy's working directory, as
 *     haproxy takes them
 * @param line its line in the configuration
 */
public record ErrorFile(int status, String path, int line) {

  /** haproxy reads at most tune.bufsize of a file, the rest ignored (its default, 16384). */
  static final int MAX_BYTES = 16384;

  public ErrorFile {
    Objects.requireNonNull(path, "path");
  }

  /**
   * The line's words after "errorfile": the status as C's atol reads it ("503abc" is 503), the
   * file; more words are ignored, as haproxy ignores them.
   */
  static ErrorFile parse(List<String> args, int line) {
    if (args.size() < 2 || args.get(0).isEmpty() || args.get(1).isEmpty()) {
      throw new IllegalArgumentException(
          "errorfile : expects <status_code> and <file> as arguments.");
    }
    long status = HaNumbers.atol(args.get(0));
    if (status != (int) status || !lbchaos.proxy.acl.Answer.hasPage((int) status)) {
      throw new IllegalArgumentException("errorfile : status code '" + status
          + "' not handled.");
    }
    return new ErrorFile((int) status, args.get(1), line);
  }

  /**
   * The file's answer; {@link IllegalArgumentException} with haproxy's words when it cannot be
   * opened or is not an answer haproxy would send.
   */
  public ErrorMessage load() {
    byte[] raw;
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      raw = in.readNBytes(MAX_BYTES);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("errorfile : error opening file '" + path + "'.");
    }
    try {
      return ErrorMessage.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("errorfile : '" + path + "': " + e.getMessage());
    }
  }
}
