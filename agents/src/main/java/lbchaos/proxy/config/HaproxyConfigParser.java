package lbchaos.proxy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lbchaos.config.ConfigException;
import lbchaos.config.ConfigWarning;
import lbchaos.privilege.Accounts;
import lbchaos.privilege.UserSpec;
import lbchaos.proxy.config.ProxySettings.Kind;

/**
 * Reads the haproxy.cfg subset the proxy agent implements. Sections and keywords follow the
 * haproxy 2.6 configuration manual; anything else is a {@link ConfigWarning} with file:line,
 * and malformed input is a {@link ConfigException} with file:line.
 */
public final class HaproxyConfigParser {

  private static final Set<String> OTHER_SECTIONS = Set.of("userlist", "peers", "resolvers",
      "mailers", "program", "http-errors", "ring", "cache", "crt-store", "traces");
  /** Global keywords about process management; irrelevant to a JVM agent, accepted silently. */
  private static final Set<String> GLOBAL_QUIET = Set.of("log", "daemon", "chroot", "pidfile",
      "stats", "nbthread", "master-worker", "quiet", "ulimit-n", "log-send-hostname", "log-tag",
      "node", "description", "ca-base", "crt-base");

  private final Path file;
  private final List<ConfigWarning> warnings = new ArrayList<>();
  private final List<ProxySettings> proxies = new ArrayList<>();
  private int globalMaxconn = Global.DEFAULT_MAXCONN;
  private int spreadChecks;
  private Optional<java.time.Duration> maxSpreadChecks = Optional.empty();
  private Optional<java.time.Duration> hardStopAfter = Optional.empty();
  private Optional<String> user = Optional.empty();
  private Optional<String> group = Optional.empty();
  private final Accounts accounts;
  private ProxySettings defaults;
  private ProxySettings current;
  private String section = "";
  private int lineNo;

  private HaproxyConfigParser(Path file, Accounts accounts) {
    this.file = file;
    this.accounts = accounts;
  }

  /**
   * Parses a file; global user and group names are only checked for form (see
   * {@link #parse(Path, String, Accounts)} for checking them where the proxy runs).
   */
  public static HaproxyConfig parse(Path file) throws IOException, ConfigException {
    return parse(file, Files.readString(file));
  }

  /** Parses {@code text}; {@code file} names it in messages. User names: see above. */
  public static HaproxyConfig parse(Path file, String text) throws ConfigException {
    return parse(file, text, Accounts.UNCHECKED);
  }

  /**
   * Parses {@code text}, resolving global user and group names in {@code accounts}: the agent
   * passes this system's, so an unknown name is a file:line error as in haproxy; a harness
   * reading a config for its containers cannot know their accounts.
   */
  public static HaproxyConfig parse(Path file, String text, Accounts accounts)
      throws ConfigException {
    return new HaproxyConfigParser(file, accounts).run(text);
  }

  private HaproxyConfig run(String text) throws ConfigException {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lineNo = i + 1;
      try {
        line(Tokenizer.words(lines[i]));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file, lineNo, e.getMessage());
      }
    }
    return new ConfigAssembler(file, warnings).assemble(
        new Global(globalMaxconn, spreadChecks, maxSpreadChecks, hardStopAfter, user, group),
        proxies);
  }

  private void line(List<String> w) {
    if (w.isEmpty()) {
      return;
    }
    String k = w.getFirst();
    switch (k) {
      case "global" -> enter("global", null);
      case "defaults" -> {
        enter("defaults", null);
        // haproxy 2.6: each proxy takes the settings of the last defaults section above it
        defaults = new ProxySettings(Kind.DEFAULTS, w.size() > 1 ? w.get(1) : "", lineNo, null);
        current = defaults;
      }
      case "frontend", "backend", "listen" -> {
        if (w.size() < 2) {
          throw new IllegalArgumentException("'" + k + "' expects a name");
        }
        if (w.size() > 2) {
          warn("'" + k + " " + w.get(1) + "': extra words after the name are ignored"
              + " (use 'bind' lines for addresses)");
        }
        enter(k, null);
        current = new ProxySettings(Kind.valueOf(k.toUpperCase(java.util.Locale.ROOT)), w.get(1),
            lineNo, defaults);
        proxies.add(current);
      }
      default -> {
        if (OTHER_SECTIONS.contains(k)) {
          warn("section '" + k + "' is not supported; its content is ignored");
          enter("other", null);
        } else if (section.isEmpty()) {
          throw new IllegalArgumentException("unknown keyword '" + k + "' out of any section");
        } else if (section.equals("global")) {
          global(w);
        } else if (!section.equals("other")) {
          current.currentLine = lineNo;
          ProxyKeywords.apply(current, w, this::warn);
        }
      }
    }
  }

  private void enter(String s, ProxySettings p) {
    section = s;
    current = p;
  }

  private void global(List<String> w) {
    String k = w.getFirst();
    switch (k) {
      case "maxconn" -> globalMaxconn =
          ServerLineParser.positive(ServerLineParser.arg(w, 0, k), k);
      case "spread-checks" -> spreadChecks =
          ServerLineParser.number(ServerLineParser.arg(w, 0, k), k, 0, 50);
      case "max-spread-checks" -> maxSpreadChecks =
          Optional.of(HaTime.parse(ServerLineParser.arg(w, 0, k)));
      case "hard-stop-after" -> hardStopAfter =
          Optional.of(HaTime.parse(ServerLineParser.arg(w, 0, k)));
      // haproxy resolves names while parsing ("cannot find user id for 'x'"), so does this
      case "user" -> user = Optional.of(once(user, "user/uid", known(ServerLineParser.arg(w, 0, k),
          n -> accounts.user(n).isPresent(), "user")));
      case "uid" -> user = Optional.of(once(user, "user/uid", Integer.toString(
          ServerLineParser.number(ServerLineParser.arg(w, 0, k), k, 0, Integer.MAX_VALUE))));
      case "group" -> group = Optional.of(once(group, "group/gid",
          known(ServerLineParser.arg(w, 0, k), n -> accounts.group(n).isPresent(), "group")));
      case "gid" -> group = Optional.of(once(group, "group/gid", Integer.toString(
          ServerLineParser.number(ServerLineParser.arg(w, 0, k), k, 0, Integer.MAX_VALUE))));
      default -> {
        if (!GLOBAL_QUIET.contains(k)) {
          warn("global keyword '" + k + "' is not supported and is ignored");
        }
      }
    }
  }

  private static String known(String name, java.util.function.Predicate<String> exists,
      String what) {
    // the same characters UserSpec takes: nothing else reaches getpwnam
    if (what.equals("user")) {
      new UserSpec(name, Optional.empty());
    } else {
      new UserSpec("nobody", Optional.of(name));
    }
    if (!exists.test(name)) {
      throw new IllegalArgumentException("cannot find " + what + " id for '" + name + "'");
    }
    return name;
  }

  /** haproxy warns when user/uid (or group/gid) is given twice, and takes the last. */
  private String once(Optional<String> before, String what, String now) {
    if (before.isPresent()) {
      warn(what + " already specified ('" + before.get() + "'); '" + now + "' is used");
    }
    return now;
  }

  private void warn(String message) {
    warnings.add(new ConfigWarning(file, lineNo, message));
  }
}
