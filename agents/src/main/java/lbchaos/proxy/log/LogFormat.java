package lbchaos.proxy.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import lbchaos.event.AccessLog;

/**
 * A compiled haproxy 2.6 log-format string (configuration.txt 8.2.4): literal text, separators
 * (unescaped spaces: haproxy parses every log-format with LOG_OPT_MERGE_SPACES, so a run of them
 * writes one space, and none after a field that wrote nothing at the line's start or after a
 * space) and variables ({@code %ci}, {@code %{+Q}r}). Rendered from an {@link AccessLog}.
 *
 * <p>The variables the agent has a value for are {@link #IMPLEMENTED}; haproxy's others are
 * {@link #HAPROXY_ONLY} (the java stack refuses a format that uses one); any other name is an
 * error, as haproxy refuses to start on it ("no such format variable").
 */
public record LogFormat(String text, List<Node> nodes) {

  /** haproxy 2.6's "option httplog" (log.c default_http_log_format). */
  public static final String HTTPLOG = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC"
      + " %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
  /** haproxy 2.6's "option tcplog" (log.c default_tcp_log_format). */
  public static final String TCPLOG = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts"
      + " %ac/%fc/%bc/%sc/%rc %sq/%bq";

  /** One piece of the format. */
  public sealed interface Node {}

  public record Text(String text) implements Node {}

  public record Separator() implements Node {}

  /** @param quote the "+Q" option: the value in double quotes */
  public record Var(String name, boolean quote) implements Node {}

  /** haproxy's variables that only mode http has (log.c logformat_keywords, PR_MODE_HTTP). */
  public static final Set<String> HTTP_ONLY = Set.of("CC", "CS", "Ta", "Ti", "Tq", "Tr", "TR",
      "HM", "HP", "HPO", "HQ", "HU", "HV", "r", "tr", "trg", "trl");

  /** haproxy 2.6's variables the agent does not fill. */
  public static final Set<String> HAPROXY_ONLY = Set.of("o", "H", "ID", "T", "Td", "Tl", "Ts",
      "Tu", "U", "bi", "bp", "fi", "fp", "hrl", "hsl", "HP", "HPO", "HQ", "lc", "pid", "rt", "si",
      "sp", "sslc", "sslv", "trg", "trl");

  private static final DateTimeFormat DATE = new DateTimeFormat();

  /** Each implemented variable's value. */
  private static final Map<String, Function<AccessLog, String>> VALUES = Map.ofEntries(
      Map.entry("ci", a -> host(a.client())),
      Map.entry("cp", a -> port(a.client())),
      // %t is the accept date, %tr the request's; an event carries one date (see AccessLog.at)
      Map.entry("t", a -> DATE.format(a.at())),
      Map.entry("tr", a -> DATE.format(a.at())),
      Map.entry("ms", a -> String.format(Locale.ROOT, "%03d", (a.at() / 1000) % 1000)),
      Map.entry("ft", AccessLog::frontend),
      Map.entry("f", AccessLog::frontend),
      Map.entry("b", AccessLog::backend),
      Map.entry("s", AccessLog::server),
      // the agent measures no handshake (no TLS) and no idle time apart: Th and Ti are 0
      Map.entry("Th", a -> "0"),
      Map.entry("Ti", a -> "0"),
      Map.entry("TR", a -> Integer.toString(a.tR())),
      Map.entry("Tq", a -> Integer.toString(a.tR())),
      Map.entry("Tw", a -> Integer.toString(a.tw())),
      Map.entry("Tc", a -> Integer.toString(a.tc())),
      Map.entry("Tr", a -> Integer.toString(a.tr())),
      Map.entry("Ta", a -> Integer.toString(a.ta())),
      Map.entry("Tt", a -> Integer.toString(a.mode().equals("http") && a.tR() >= 0
          ? a.tR() + a.ta() : a.ta())),
      Map.entry("ST", a -> Integer.toString(a.status())),
      Map.entry("B", a -> Long.toString(a.bytes())),
      // no cookie capture: haproxy writes "-"
      Map.entry("CC", a -> "-"),
      Map.entry("CS", a -> "-"),
      Map.entry("ts", AccessLog::state),
      Map.entry("tsc", a -> a.termination().length() == 4 ? a.termination() : a.state() + "--"),
      Map.entry("ac", a -> Integer.toString(a.actconn())),
      Map.entry("fc", a -> Integer.toString(a.feconn())),
      Map.entry("bc", a -> Integer.toString(a.beconn())),
      Map.entry("sc", a -> Integer.toString(a.srvconn())),
      Map.entry("rc", a -> Integer.toString(a.retries())),
      Map.entry("sq", a -> Integer.toString(a.srvQueue())),
      Map.entry("bq", a -> Integer.toString(a.backendQueue())),
      Map.entry("r", AccessLog::request),
      Map.entry("HM", a -> word(a.request(), 0)),
      Map.entry("HU", a -> word(a.request(), 1)),
      Map.entry("HV", a -> word(a.request(), 2)),
      // header captures ("capture request header") are not implemented: nothing, as haproxy
      // writes without captures
      Map.entry("hr", a -> ""),
      Map.entry("hs", a -> ""));

  /** The variables the agent renders. */
  public static final Set<String> IMPLEMENTED = VALUES.keySet();

  public LogFormat {
    nodes = List.copyOf(nodes);
  }

  /**
   * Compiles {@code text} as haproxy 2.6's parse_logformat_string reads it.
   *
   * @throws IllegalArgumentException with haproxy's words for what it refuses to start on
   */
  public static LogFormat compile(String text) {
    List<Node> nodes = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ') {
        flush(literal, nodes);
        nodes.add(new Separator());
        i++;
        continue;
      }
      if (c != '%') {
        literal.append(c);
        i++;
        continue;
      }
      if (i + 1 >= text.length()) {
        throw new IllegalArgumentException("truncated line after '%'");
      }
      char n = text.charAt(i + 1);
      if (n == '%') {
        literal.append('%');
        i += 2;
        continue;
      }
      i++;
      String arg = "";
      if (n == '{') {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("truncated line after '" + text.substring(i + 1)
              + "'");
        }
        arg = text.substring(i + 1, end);
        i = end + 1;
      }
      if (i < text.length() && text.charAt(i) == '[') {
        throw new Unimplemented("%[", "a sample expression in a log-format");
      }
      int start = i;
      while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      if (start == i || !Character.isLetter(text.charAt(start))) {
        if (!arg.isEmpty()) {
          throw new IllegalArgumentException("parse argument modifier without variable name"
              + " near '%{" + arg + "}'");
        }
        throw new IllegalArgumentException("unexpected variable name near '"
            + (start < text.length() ? text.charAt(start) : ' ') + "' at position " + start
            + " line : '" + text + "'. Maybe you want to write a single '%', use the syntax"
            + " '%%'");
      }
      flush(literal, nodes);
      String name = text.substring(start, i);
      nodes.add(new Var(name, quote(arg)));
      if (!VALUES.containsKey(name)) {
        if (HAPROXY_ONLY.contains(name)) {
          throw new Unimplemented("%" + name, "haproxy's log-format variable %" + name);
        }
        throw new IllegalArgumentException("no such format variable '" + name + "'. If you"
            + " wanted to emit the '%' character verbatim, you need to use '%%'");
      }
    }
    flush(literal, nodes);
    return new LogFormat(text, nodes);
  }

  /** A variable or construct of haproxy's that the agent does not implement. */
  public static final class Unimplemented extends IllegalArgumentException {
    private final String what;

    Unimplemented(String what, String message) {
      super(message + " is not implemented by the Java proxy agent");
      this.what = what;
    }

    /** "%U", "%[". */
    public String what() {
      return what;
    }
  }

  /** The HTTP-only variables this format uses ("format variable 'r' is reserved for HTTP mode"). */
  public List<String> httpOnly() {
    return nodes.stream().filter(n -> n instanceof Var v && HTTP_ONLY.contains(v.name()))
        .map(n -> ((Var) n).name()).toList();
  }

  /** The line for one logged request: haproxy's separators and quoting. */
  public String render(AccessLog a) {
    StringBuilder b = new StringBuilder(160);
    boolean lastSpace = true;
    for (Node n : nodes) {
      switch (n) {
        case Separator s -> {
          if (!lastSpace) {
            b.append(' ');
            lastSpace = true;
          }
        }
        case Text t -> {
          b.append(t.text());
          lastSpace = false;
        }
        case Var v -> {
          String value = VALUES.get(v.name()).apply(a);
          // hr and hs without captures write nothing at all, not even quotes
          if (value.isEmpty() && (v.name().equals("hr") || v.name().equals("hs"))) {
            continue;
          }
          if (v.quote()) {
            b.append('"').append(value).append('"');
          } else {
            b.append(value.isEmpty() ? "-" : value);
          }
          lastSpace = false;
        }
      }
    }
    return b.toString();
  }

  private static boolean quote(String arg) {
    boolean q = false;
    for (String o : arg.split(",")) {
      switch (o) {
        case "+Q" -> q = true;
        case "-Q", "" -> q = false;
        default -> throw new Unimplemented("%{", "the log-format option " + o);
      }
    }
    return q;
  }

  private static void flush(StringBuilder literal, List<Node> nodes) {
    if (!literal.isEmpty()) {
      nodes.add(new Text(literal.toString()));
      literal.setLength(0);
    }
  }

  private static String host(String hostPort) {
    int c = hostPort.lastIndexOf(':');
    return c < 0 ? hostPort : hostPort.substring(0, c);
  }

  private static String port(String hostPort) {
    int c = hostPort.lastIndexOf(':');
    return c < 0 ? "-" : hostPort.substring(c + 1);
  }

  private static String word(String request, int i) {
    String[] w = request.split(" ");
    return i < w.length ? w[i] : "-";
  }

  /** haproxy's date: "04/Dec/2026:10:44:24.583", local time, milliseconds. */
  static final class DateTimeFormat {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
        "Aug", "Sep", "Oct", "Nov", "Dec"};

    String format(long micros) {
      ZonedDateTime t = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000)
          .atZone(ZoneId.systemDefault());
      return String.format(Locale.ROOT, "%02d/%s/%04d:%02d:%02d:%02d.%03d", t.getDayOfMonth(),
          MONTHS[t.getMonthValue() - 1], t.getYear(), t.getHour(), t.getMinute(), t.getSecond(),
          t.getNano() / 1_000_000);
    }

    /** The epoch microseconds of such a date, read in {@code zone}. */
    static long parse(String date, ZoneId zone) {
      // dd/Mon/yyyy:HH:mm:ss.SSS
      int day = Integer.parseInt(date.substring(0, 2));
      String mon = date.substring(3, 6);
      int month = java.util.Arrays.asList(MONTHS).indexOf(mon) + 1;
      if (month == 0) {
        throw new IllegalArgumentException("not a month: " + mon);
      }
      int year = Integer.parseInt(date.substring(7, 11));
      int h = Integer.parseInt(date.substring(12, 14));
      int m = Integer.parseInt(date.substring(15, 17));
      int s = Integer.parseInt(date.substring(18, 20));
      int ms = Integer.parseInt(date.substring(21, 24));
      ZonedDateTime t = ZonedDateTime.of(year, month, day, h, m, s, ms * 1_000_000, zone);
      return t.toEpochSecond() * 1_000_000 + ms * 1000L;
    }
  }
}
