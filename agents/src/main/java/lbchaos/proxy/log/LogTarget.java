package lbchaos.proxy.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One "log" line of haproxy 2.6 (configuration.txt 4.2 "log"; cfgparse of log.c
 * parse_logsrv): where access log lines go and how each is framed.
 *
 * <pre>log TARGET [len N] [format rfc3164|rfc5424|raw|short] FACILITY [LEVEL [MINLEVEL]]</pre>
 *
 * @param kind stdout/stderr (haproxy's fd@1 and fd@2), a unix datagram socket, or UDP over IPv4
 * @param address the socket path, or the IPv4 address for UDP ("" for stdout/stderr)
 * @param port UDP port (haproxy's default 514), 0 otherwise
 * @param maxLen "len": a longer line is cut (haproxy's default 1024)
 * @param facility 0..23 (kern ... local7)
 * @param level the highest severity number sent: access logs go at "info" (6), so a target of
 *     "notice" or lower gets none (haproxy's default: every level, 7)
 */
public record LogTarget(Kind kind, String address, int port, int maxLen, Format format,
    int facility, int level) {

  public enum Kind { STDOUT, STDERR, UNIX, UDP }

  public enum Format {
    RFC3164, RFC5424, RAW, SHORT;

    static Format of(String s) {
      return switch (s) {
        case "rfc3164" -> RFC3164;
        case "rfc5424" -> RFC5424;
        case "raw" -> RAW;
        case "short" -> SHORT;
        default -> throw new IllegalArgumentException("unknown log format '" + s + "'");
      };
    }
  }

  /** log.c log_facilities, in syslog's order. */
  static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth",
      "syslog", "lpr", "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2",
      "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");

  /** log.c log_levels. */
  static final List<String> LEVELS = List.of("emerg", "alert", "crit", "err", "warning",
      "notice", "info", "debug");

  /** Severity of a traffic log line (haproxy: LOG_INFO). */
  public static final int INFO = 6;

  public static final int DEFAULT_PORT = 514;
  public static final int DEFAULT_LEN = 1024;

  public LogTarget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(format, "format");
    if (facility < 0 || facility >= FACILITIES.size() || level < 0 || level >= LEVELS.size()) {
      throw new IllegalArgumentException("facility or level out of range");
    }
  }

  /**
   * Reads the words after "log" (not "global"). Targets the agent does not send to (TCP, rings,
   * IPv6, other fds) are {@link LogFormat.Unimplemented}.
   *
   * @throws IllegalArgumentException with haproxy's words for a line it refuses
   */
  public static LogTarget parse(List<String> w) {
    if (w.isEmpty()) {
      throw new IllegalArgumentException("'log' expects either <address[:port]> and <facility>"
          + " or 'global' as arguments.");
    }
    String target = w.getFirst();
    int i = 1;
    int len = DEFAULT_LEN;
    Format format = Format.RFC3164;
    while (i < w.size()) {
      if (w.get(i).equals("len") && i + 1 < w.size()) {
        try {
          len = Integer.parseInt(w.get(i + 1));
        } catch (NumberFormatException e) {
          len = 0;
        }
        if (len < 80 || len > 65535) {
          throw new IllegalArgumentException("invalid log length '" + w.get(i + 1)
              + "', must be between 80 and 65535.");
        }
        i += 2;
      } else if (w.get(i).equals("format") && i + 1 < w.size()) {
        format = Format.of(w.get(i + 1));
        i += 2;
      } else if (w.get(i).equals("sample")) {
        throw new LogFormat.Unimplemented("log sample", "'log ... sample'");
      } else {
        break;
      }
    }
    if (i >= w.size()) {
      throw new IllegalArgumentException("'log' expects <facility> as argument.");
    }
    int facility = FACILITIES.indexOf(w.get(i));
    if (facility < 0) {
      throw new IllegalArgumentException("unknown log facility '" + w.get(i) + "'");
    }
    int level = LEVELS.size() - 1;
    if (i + 1 < w.size()) {
      level = LEVELS.indexOf(w.get(i + 1));
      if (level < 0) {
        throw new IllegalArgumentException("unknown optional log level '" + w.get(i + 1) + "'");
      }
      // a third word is the minimum level: raises what is sent, never lowers it (not kept)
      if (i + 2 < w.size() && !LEVELS.contains(w.get(i + 2))) {
        throw new IllegalArgumentException("unknown optional minimum log level '"
            + w.get(i + 2) + "'");
      }
      if (i + 3 < w.size()) {
        throw new IllegalArgumentException("cannot handle unexpected argument '" + w.get(i + 3)
            + "'.");
      }
    }
    return switch (target) {
      case "stdout", "fd@1" -> new LogTarget(Kind.STDOUT, "", 0, len, format, facility, level);
      case "stderr", "fd@2" -> new LogTarget(Kind.STDERR, "", 0, len, format, facility, level);
      default -> network(target, len, format, facility, level);
    };
  }

  private static LogTarget network(String target, int len, Format format, int facility,
      int level) {
    String t = target.startsWith("udp@") || target.startsWith("udp4@")
        ? target.substring(target.indexOf('@') + 1) : target;
    if (t.startsWith("unix@")) {
      t = t.substring("unix@".length());
    }
    if (t.startsWith("/")) {
      return new LogTarget(Kind.UNIX, t, 0, len, format, facility, level);
    }
    if (t.contains("@") || t.startsWith("[") || t.chars().filter(c -> c == ':').count() > 1) {
      throw new LogFormat.Unimplemented("log " + target, "a log target other than stdout,"
          + " stderr, a unix socket path or udp IPv4 ('" + target + "')");
    }
    int colon = t.lastIndexOf(':');
    String host = colon < 0 ? t : t.substring(0, colon);
    int port = DEFAULT_PORT;
    if (colon >= 0) {
      try {
        port = Integer.parseInt(t.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("invalid port in '" + target + "'");
      }
    }
    if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new LogFormat.Unimplemented("log " + target, "a log target by host name ('"
          + target + "'; the agent sends to IPv4 addresses)");
    }
    return new LogTarget(Kind.UDP, host, port, len, format, facility, level);
  }

  /** Whether a line of severity {@code severity} goes to this target. */
  public boolean takes(int severity) {
    return severity <= level;
  }

  private static final DateTimeFormatter RFC3164_DATE =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

  /**
   * The message as sent: haproxy's header for the format (log.c __send_log: "&lt;PRI&gt;" then,
   * rfc3164, "Mmm dd hh:mm:ss TAG[PID]: "; rfc5424, "1 TIMESTAMP HOST TAG PID - - "), cut at
   * {@code maxLen} with the trailing newline haproxy adds to stream targets.
   *
   * @param hostname rfc5424's HOSTNAME field (haproxy writes its host name there)
   */
  public String frame(String message, long atMicros, String tag, long pid, String hostname) {
    int pri = facility * 8 + INFO;
    ZonedDateTime t = Instant.ofEpochSecond(atMicros / 1_000_000,
        (atMicros % 1_000_000) * 1000).atZone(ZoneId.systemDefault());
    String head = switch (format) {
      case RAW -> "";
      case SHORT -> "<" + INFO + ">";
      case RFC3164 -> "<" + pri + ">" + RFC3164_DATE.format(t) + " " + tag + "[" + pid + "]: ";
      case RFC5424 -> "<" + pri + ">1 " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          t.withNano((int) (atMicros % 1_000_000) * 1000)) + " " + hostname + " " + tag + " "
          + pid + " - - ";
    };
    String line = head + message;
    return line.length() > maxLen - 1 ? line.substring(0, maxLen - 1) : line;
  }
}
