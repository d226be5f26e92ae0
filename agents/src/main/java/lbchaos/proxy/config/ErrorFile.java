package lbchaos.proxy.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import lbchaos.config.ConfigException;

/**
 * An "errorfile STATUS FILE" line of a proxy section: the answer haproxy sends instead of its
 * own page for STATUS (haproxy 2.6 http_htx.c proxy_parse_errorfile); or an "errorloc STATUS
 * URL" line ("errorloc302", "errorloc303"), which haproxy turns into an errorfile of its own
 * making, a redirect to URL (http_parse_errorloc). A file is read where the proxy runs ({@link
 * #load}), not where the configuration is checked: a host that lints a haproxy.cfg need not
 * hold Debian's /etc/haproxy/errors.
 *
 * @param status a status haproxy has a page for ({@link lbchaos.proxy.acl.Answer#hasPage})
 * @param keyword errorfile, errorloc, errorloc302 or errorloc303
 * @param argument the file, as written (a relative path is taken from the proxy's working
 *     directory, as haproxy takes it), or the URL
 * @param line its line in the configuration
 */
public record ErrorFile(int status, String keyword, String argument, int line)
    implements ErrorLine {

  /** haproxy reads at most tune.bufsize of a file, the rest ignored (its default, 16384). */
  static final int MAX_BYTES = 16384;

  public ErrorFile {
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(argument, "argument");
  }

  /**
   * The line's words after {@code keyword}: the status ({@link #status}), the file or URL; more
   * words are ignored, as haproxy ignores them.
   */
  static ErrorFile parse(String keyword, List<String> args, int line) {
    if (args.size() < 2 || args.get(0).isEmpty() || args.get(1).isEmpty()) {
      throw new IllegalArgumentException(keyword + " : expects <status_code> and "
          + (keyword.equals("errorfile") ? "<file>" : "<url>") + " as arguments.");
    }
    return new ErrorFile(status(keyword, args.get(0)), keyword, args.get(1), line);
  }

  /**
   * A status of an error line as C's atol reads it ("503abc" is 503), one haproxy has a page
   * for; otherwise {@link IllegalArgumentException} in haproxy's words.
   */
  static int status(String keyword, String word) {
    long status = HaNumbers.atol(word);
    if (status != (int) status || !lbchaos.proxy.acl.Answer.hasPage((int) status)) {
      throw new IllegalArgumentException(keyword + " : status code '" + status
          + "' not handled.");
    }
    return (int) status;
  }

  /**
   * Every line's answer, by {@link #key}: each file read once, as haproxy keeps one copy of a
   * file for all its lines, where the proxy runs, as haproxy reads them when it starts; a
   * {@link ConfigException} naming every line whose file cannot be used.
   */
  public static java.util.Map<String, ErrorMessage> loadAll(List<ErrorFile> lines, Path config) {
    java.util.Map<String, ErrorMessage> read = new java.util.HashMap<>();
    List<ConfigException.Problem> unusable = new java.util.ArrayList<>();
    for (ErrorFile f : lines) {
      if (!read.containsKey(f.key())) {
        try {
          read.put(f.key(), f.load());
        } catch (IllegalArgumentException e) {
          unusable.add(new ConfigException.Problem(config, f.line(), e.getMessage()));
        }
      }
    }
    if (!unusable.isEmpty()) {
      throw new ConfigException(unusable);
    }
    return read;
  }

  /** What haproxy keeps one loaded message for: a file by its path, a redirect by its URL. */
  public String key() {
    return keyword.equals("errorfile") ? argument : keyword + " " + argument;
  }

  /**
   * The file's answer; {@link IllegalArgumentException} with haproxy's words when it cannot be
   * opened or is not an answer haproxy would send.
   */
  public ErrorMessage load() {
    if (!keyword.equals("errorfile")) {
      // http_parse_errorloc's message: a redirect without a body
      String head = keyword.equals("errorloc303") ? "HTTP/1.1 303 See Other"
          : "HTTP/1.1 302 Found";
      return ErrorMessage.parse((head + "\r\nCache-Control: no-cache\r\nContent-length: 0\r\n"
          + "Location: " + argument + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    byte[] raw;
    try (InputStream in = Files.newInputStream(Path.of(argument))) {
      raw = in.readNBytes(MAX_BYTES);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("errorfile : error opening file '" + argument + "'.");
    }
    try {
      return ErrorMessage.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("errorfile : '" + argument + "': " + e.getMessage());
    }
  }
}
