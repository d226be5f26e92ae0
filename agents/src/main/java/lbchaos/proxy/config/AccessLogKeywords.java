package lbchaos.proxy.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.proxy.config.HaproxyKeywordSupport.Where;
import lbchaos.proxy.log.AccessLogConfig;
import lbchaos.proxy.log.LogFormat;
import lbchaos.proxy.log.LogTarget;

/**
 * The access log keywords of haproxy 2.6 (configuration.txt 4.2 "log", "log-format", "option
 * httplog", "option tcplog"; cfgparse-listen.c): read into the proxy's settings, and at the end
 * the frontend's {@link AccessLogConfig}. What the agent cannot log as haproxy would (a ring or
 * TCP target, a sample expression, a variable it has no value for) is refused for the java
 * stack, at its line.
 */
final class AccessLogKeywords {

  private AccessLogKeywords() {}

  /** "log global" or "log TARGET ..." in a proxy or defaults section. */
  static void log(ProxySettings p, List<String> args, Findings findings) {
    if (args.size() == 1 && args.getFirst().equals("global")) {
      p.logGlobal = true;
      return;
    }
    target(args, findings).ifPresent(p.logs::add);
  }

  /** A target, or empty when the java stack refuses it (recorded at the current line). */
  static Optional<LogTarget> target(List<String> args, Findings findings) {
    try {
      return Optional.of(LogTarget.parse(args));
    } catch (LogFormat.Unimplemented e) {
      findings.unimplemented(Where.LOG, e.what().startsWith("log sample") ? "sample" : "target",
          args, "");
      return Optional.empty();
    }
  }

  /** "log-format STRING": one word, as haproxy requires (quoted when it has spaces). */
  static void logFormat(ProxySettings p, List<String> w, Findings findings) {
    if (w.size() < 2) {
      throw new IllegalArgumentException("log-format expects an argument.");
    }
    if (w.size() > 2) {
      throw new IllegalArgumentException("log-format expects only one argument, don't forget to"
          + " escape spaces!");
    }
    formatAt(p, w.get(1), findings);
  }

  /** "option httplog [clf]" / "option tcplog"; "no option ..." drops the format. */
  static void option(ProxySettings p, String name, List<String> args, boolean negate,
      Findings findings) {
    if (negate) {
      p.logFormat = Optional.empty();
      return;
    }
    if (!args.isEmpty()) {
      if (name.equals("httplog") && args.equals(List.of("clf"))) {
        findings.unimplemented(Where.OPTION, "httplog clf", args, "");
        return;
      }
      throw new IllegalArgumentException("'option " + name + "' cannot handle unexpected"
          + " argument '" + args.getFirst() + "'");
    }
    formatAt(p, name.equals("httplog") ? LogFormat.HTTPLOG : LogFormat.TCPLOG, findings);
  }

  private static void formatAt(ProxySettings p, String text, Findings findings) {
    try {
      LogFormat.compile(text);
    } catch (LogFormat.Unimplemented e) {
      findings.unimplemented(Where.LOG_FORMAT, e.what(), List.of(), "");
      return;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("failed to parse log-format : " + e.getMessage());
    }
    p.logFormat = Optional.of(text);
    p.logFormatLine = findings.line();
  }

  /**
   * The frontend's access logging, once every line is read: its targets ("log global" takes the
   * global section's as they stand at the end of the file; haproxy copies them when it reads
   * the line, the same when "global" comes first, as it does in practice) and its format. In
   * mode tcp, "option httplog" falls back to tcplog with haproxy's warning, and a log-format
   * with an HTTP-only variable is an error.
   */
  static Optional<AccessLogConfig> frontend(ProxySettings p, Global global, Findings findings) {
    if (p.logFormat.isEmpty()) {
      return Optional.empty();
    }
    String text = p.logFormat.get();
    if (p.mode == Mode.TCP && text.equals(LogFormat.HTTPLOG)) {
      findings.warn(p.logFormatLine, "'option httplog' not usable with "
          + p.kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + p.name + "' (needs 'mode"
          + " http'). Falling back to 'option tcplog'.");
      text = LogFormat.TCPLOG;
    }
    LogFormat format = LogFormat.compile(text);
    if (p.mode == Mode.TCP && !format.httpOnly().isEmpty()) {
      findings.error(p.logFormatLine, "failed to parse log-format : format variable '"
          + format.httpOnly().getFirst() + "' is reserved for HTTP mode");
      return Optional.empty();
    }
    List<LogTarget> targets = new ArrayList<>(p.logs);
    if (p.logGlobal) {
      targets.addAll(global.logs());
    }
    return targets.isEmpty() ? Optional.empty() : Optional.of(new AccessLogConfig(format, targets));
  }
}
