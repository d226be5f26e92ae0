package lbchaos.proxy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lbchaos.config.ConfigException;
import lbchaos.privilege.Accounts;
import lbchaos.privilege.UserSpec;
import lbchaos.proxy.config.HaproxyKeywordSupport.Where;
import lbchaos.proxy.config.ProxySettings.Kind;

/**
 * Reads the haproxy.cfg subset the proxy agent implements. Sections and keywords follow the
 * haproxy 2.6 configuration manual: what the agent implements is read; haproxy 2.6's other
 * keywords are warned or refused for the java stack, as {@link HaproxyKeywordSupport} says; and
 * anything haproxy 2.6 refuses to start on (an unknown keyword or argument, malformed input) is
 * an error. All the errors of a file come in one {@link ConfigException}, each with file:line,
 * as {@code haproxy -c} lists them: the parser goes on after a bad line.
 */
public final class HaproxyConfigParser {

  /**
   * What "no" may negate (cfgparse.c; "default" alike): in a proxy option and log, in global
   * these. Anything else is an error in haproxy 2.6.
   */
  private static final Set<String> NEGATABLE = Set.of("option", "log", "busy-polling",
      "set-dumpable", "strict-limits", "insecure-fork-wanted", "numa-cpu-mapping");

  private final Findings findings;
  private final List<ProxySettings> proxies = new ArrayList<>();
  /** The http-errors sections by name, in order; the one being read last. */
  private final Map<String, HttpErrors> httpErrors = new java.util.LinkedHashMap<>();
  private String currentErrors;
  private int globalMaxconn = Global.DEFAULT_MAXCONN;
  private int spreadChecks;
  private Optional<java.time.Duration> maxSpreadChecks = Optional.empty();
  private Optional<java.time.Duration> hardStopAfter = Optional.empty();
  private final List<StatsSocket> statsSockets = new java.util.ArrayList<>();
  private final List<lbchaos.proxy.log.LogTarget> logs = new java.util.ArrayList<>();
  private Optional<String> user = Optional.empty();
  private Optional<String> group = Optional.empty();
  private final Accounts accounts;
  private final lbchaos.proxy.acl.PatternFiles patternFiles;
  private ProxySettings defaults;
  private ProxySettings current;
  private String section = "";
  /** How deep in .if blocks the line is: .alert stops haproxy only outside one. */
  private int conditionals;

  private HaproxyConfigParser(Path file, Accounts accounts,
      lbchaos.proxy.acl.PatternFiles patternFiles) {
    this.findings = new Findings(file);
    this.accounts = accounts;
    this.patternFiles = patternFiles;
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
    return parse(file, text, Accounts.UNCHECKED, lbchaos.proxy.acl.PatternFiles.UNREAD);
  }

  /**
   * Parses {@code text}, resolving global user and group names in {@code accounts}: the agent
   * passes this system's, so an unknown name is a file:line error as in haproxy; a harness
   * reading a config for its containers cannot know their accounts.
   */
  public static HaproxyConfig parse(Path file, String text, Accounts accounts)
      throws ConfigException {
    return parse(file, text, accounts, lbchaos.proxy.acl.PatternFiles.SYSTEM);
  }

  /**
   * Parses {@code text} as above, reading the ACLs' pattern files ({@code -f}) from
   * {@code patternFiles}: the agent reads this system's, as haproxy reads them as it parses.
   */
  public static HaproxyConfig parse(Path file, String text, Accounts accounts,
      lbchaos.proxy.acl.PatternFiles patternFiles) throws ConfigException {
    return new HaproxyConfigParser(file, accounts, patternFiles).run(text);
  }

  private HaproxyConfig run(String text) throws ConfigException {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      findings.at(i + 1);
      try {
        line(Tokenizer.words(lines[i]));
      } catch (IllegalArgumentException e) {
        findings.error(e.getMessage()); // and on to the next line: every error in one pass
      }
    }
    // haproxy checks what spans sections only once every line has parsed
    findings.throwErrors();
    findings.at(0);
    HaproxyConfig c = new ConfigAssembler(findings).assemble(
        new Global(globalMaxconn, spreadChecks, maxSpreadChecks, hardStopAfter, user, group,
            statsSockets, logs),
        proxies, httpErrors);
    findings.throwErrors();
    return c;
  }

  private void line(List<String> w) {
    if (w.isEmpty()) {
      return;
    }
    String k = w.getFirst();
    if (k.startsWith(".")) {
      directive(w);
      return;
    }
    switch (k) {
      case "global" -> enter("global", null);
      case "defaults" -> {
        enter("defaults", null);
        // haproxy 2.6: each proxy takes the settings of the last defaults section above it
        defaults = new ProxySettings(Kind.DEFAULTS, w.size() > 1 ? w.get(1) : "", findings.line(),
            null, patternFiles);
        current = defaults;
      }
      case "http-errors" -> {
        enter("http-errors", null);
        if (w.size() < 2) {
          enter("other", null);
          throw new IllegalArgumentException("missing name for http-errors section.");
        }
        HttpErrors before = httpErrors.get(w.get(1));
        if (before != null) {
          enter("other", null);
          throw new IllegalArgumentException("http-errors section '" + w.get(1)
              + "' already exists (declared at " + findings.file() + ":" + before.line() + ").");
        }
        currentErrors = w.get(1);
        httpErrors.put(currentErrors, new HttpErrors(currentErrors, findings.line(), Map.of()));
      }
      case "frontend", "backend", "listen" -> {
        if (w.size() < 2) {
          enter("other", null); // haproxy stops reading here; its content would only cascade
          throw new IllegalArgumentException("'" + k + "' expects a name");
        }
        if (w.size() > 2) {
          warn("'" + k + " " + w.get(1) + "': extra words after the name are ignored"
              + " (use 'bind' lines for addresses)");
        }
        enter(k, null);
        current = new ProxySettings(Kind.valueOf(k.toUpperCase(java.util.Locale.ROOT)), w.get(1),
            findings.line(), defaults, patternFiles);
        proxies.add(current);
      }
      default -> {
        if (HaproxyKeywordSupport.rule(Where.SECTION, k).isPresent()) {
          findings.unimplemented(Where.SECTION, k, w.subList(1, w.size()), "");
          enter("other", null);
        } else if (section.isEmpty()) {
          throw new IllegalArgumentException("unknown keyword '" + k + "' out of any section");
        } else if (!section.equals("other") && modifier(w)) {
          if (section.equals("global")) {
            global(w);
          } else if (section.equals("http-errors")) {
            errorsLine(w);
          } else {
            current.currentLine = findings.line();
            ProxyKeywords.apply(current, w, findings);
          }
        }
      }
    }
  }

  /**
   * "no" and "default" before a keyword: only where haproxy 2.6 takes them. "no" is read with
   * its keyword; "default" (take the defaults section's setting) is refused here.
   *
   * @return whether the line is still to be read
   */
  private boolean modifier(List<String> w) {
    String m = w.getFirst();
    if (!m.equals("no") && !m.equals("default")) {
      return true;
    }
    if (w.size() < 2 || !NEGATABLE.contains(w.get(1))) {
      throw new IllegalArgumentException("negation/default currently supported only for options,"
          + " log, busy-polling, set-dumpable, strict-limits, insecure-fork-wanted and"
          + " numa-cpu-mapping");
    }
    if (m.equals("default")) {
      findings.unimplemented(Where.PROXY, m, w.subList(1, w.size()), "");
      return false;
    }
    return true;
  }

  /** .if/.elif/.else/.endif and the message directives (cfgparse.c). */
  private void directive(List<String> w) {
    String k = w.getFirst();
    List<String> args = w.subList(1, w.size());
    if (HaproxyKeywordSupport.rule(Where.SECTION, k).isEmpty()) {
      throw new IllegalArgumentException("unknown directive '" + k + "'");
    }
    switch (k) {
      case ".if" -> conditionals++;
      case ".endif" -> conditionals = Math.max(0, conditionals - 1);
      case ".alert" -> {
        if (conditionals == 0) {
          throw new IllegalArgumentException(String.join(" ", args));
        }
      }
      default -> { }
    }
    findings.unimplemented(Where.SECTION, k, args, "");
  }

  /** A line of an http-errors section: errorfile lines only. */
  private void errorsLine(List<String> w) {
    if (!w.getFirst().equals("errorfile")) {
      throw new IllegalArgumentException("unknown keyword '" + w.getFirst()
          + "' in 'http-errors' section");
    }
    ErrorFile f = ErrorFile.parse("errorfile", w.subList(1, w.size()), findings.line());
    HttpErrors s = httpErrors.get(currentErrors);
    Map<Integer, ErrorFile> files = new java.util.HashMap<>(s.files());
    files.put(f.status(), f);
    httpErrors.put(currentErrors, new HttpErrors(s.name(), s.line(), files));
  }

  private void enter(String s, ProxySettings p) {
    section = s;
    current = p;
  }

  private void global(List<String> line) {
    List<String> w = line.getFirst().equals("no") ? line.subList(1, line.size()) : line;
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
      case "log" -> {
        if (line.getFirst().equals("no")) {
          logs.clear();
        } else if (w.size() == 2 && w.get(1).equals("global")) {
          throw new IllegalArgumentException("'log global' is only valid in a proxy or"
              + " defaults section");
        } else {
          AccessLogKeywords.target(w.subList(1, w.size()), findings).ifPresent(logs::add);
        }
      }
      case "stats" -> {
        String what = ServerLineParser.arg(w, 0, k);
        if (what.equals("socket")) {
          statsSocket(w);
          return;
        }
        findings.unimplemented(Where.GLOBAL_STATS, what, w.subList(2, w.size()), "'stats' only"
            + " supports 'socket', 'maxconn', 'bind-process' and 'timeout' (got '" + what + "')");
      }
      default -> findings.unimplemented(Where.GLOBAL, k, w.subList(1, w.size()),
          "unknown keyword '" + k + "' in 'global' section");
    }
  }

  /**
   * "stats socket PATH [options]": a UNIX path with mode and level (haproxy's bind options of a
   * stats socket); other addresses and options as {@link HaproxyKeywordSupport} says.
   */
  private void statsSocket(List<String> w) {
    String path = ServerLineParser.arg(w, 1, "stats socket");
    findings.unimplemented(Where.GLOBAL_STATS, "socket", List.of(path), "");
    if (!path.startsWith("/")) {
      return; // refused above: an address the agent does not serve the API on
    }
    Optional<Integer> mode = Optional.empty();
    StatsSocket.Level level = StatsSocket.Level.OPERATOR;
    for (int i = 3; i < w.size(); ) {
      switch (w.get(i)) {
        case "mode" -> {
          String m = ServerLineParser.arg(w, i, "mode");
          try {
            mode = Optional.of(Integer.parseInt(m, 8));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'mode' : missing or invalid mode '" + m
                + "' (octal integer expected)");
          }
          i += 2;
        }
        case "level" -> {
          level = StatsSocket.Level.of(ServerLineParser.arg(w, i, "level"));
          i += 2;
        }
        default -> i = findings.option(Where.STATS_SOCKET, w, i, "'stats socket " + path + "'",
            o -> o.equals("mode") || o.equals("level"));
      }
    }
    statsSockets.add(new StatsSocket(path, mode, level));
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
    findings.warn(message);
  }
}
