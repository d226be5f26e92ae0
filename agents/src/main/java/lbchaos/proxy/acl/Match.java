package lbchaos.proxy.acl;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import lbchaos.proxy.config.Network;

/**
 * haproxy 2.6's pattern matching methods ("-m", manual 7.1), those the agent implements; "bin"
 * and map-based lookups are refused by the parser.
 */
public enum Match {
  STR, BEG, END, SUB, DIR, DOM, REG, LEN, FOUND, BOOL, INT, IP, METH;

  /** The method "-m NAME" selects; empty when haproxy has none of that name. */
  static Optional<Match> named(String name) {
    return switch (name) {
      case "str" -> Optional.of(STR);
      case "beg" -> Optional.of(BEG);
      case "end" -> Optional.of(END);
      case "sub" -> Optional.of(SUB);
      case "dir" -> Optional.of(DIR);
      case "dom" -> Optional.of(DOM);
      case "reg" -> Optional.of(REG);
      case "len" -> Optional.of(LEN);
      case "found" -> Optional.of(FOUND);
      case "bool" -> Optional.of(BOOL);
      case "int" -> Optional.of(INT);
      case "ip" -> Optional.of(IP);
      default -> Optional.empty();
    };
  }

  /** The match a fetch's type implies when no "-m" is given. */
  static Match byDefault(Fetch.Type t) {
    return switch (t) {
      case STR -> STR;
      case INT -> INT;
      case IP -> IP;
      case BOOL -> BOOL;
      case METH -> METH;
      case ANY -> throw new IllegalArgumentException("matching method must be specified first"
          + " (using '-m') when using a sample fetch of this type");
    };
  }

  /** Whether the method applies to samples of type {@code t} (manual 7.1's matrix). */
  boolean accepts(Fetch.Type t) {
    return switch (this) {
      case FOUND, LEN, STR, BEG, END, SUB, DIR, DOM, REG -> true;
      case BOOL -> t == Fetch.Type.BOOL || t == Fetch.Type.INT || t == Fetch.Type.STR
          || t == Fetch.Type.ANY;
      case INT -> t != Fetch.Type.IP;
      case IP -> t == Fetch.Type.IP || t == Fetch.Type.STR || t == Fetch.Type.ANY;
      case METH -> t == Fetch.Type.METH;
    };
  }

  /** Whether the method takes patterns as integers (operators, ranges). */
  boolean integers() {
    return this == INT || this == LEN;
  }

  /** Whether one sample matches one pattern. FOUND and BOOL are decided without patterns. */
  boolean test(Object sample, Pattern p) {
    return switch (this) {
      case STR, BEG, END, SUB, DIR, DOM -> strings(SampleExpr.text(sample), p);
      case REG -> p.regex().matcher(SampleExpr.text(sample)).find();
      case LEN -> p.range().contains(SampleExpr.text(sample).length());
      case INT -> integer(sample).map(p.range()::contains).orElse(false);
      case IP -> address(sample).map(a -> Pattern.inFamily(a.getAddress(),
          p.network().address().length)).filter(p.network()::contains).isPresent();
      case METH -> method((String) sample, p);
      case FOUND, BOOL -> throw new IllegalStateException(this + " takes no pattern");
    };
  }

  private boolean strings(String s, Pattern p) {
    String v = p.ignoreCase() ? s.toLowerCase(Locale.ROOT) : s;
    String t = p.folded();
    return switch (this) {
      case STR -> v.equals(t);
      case BEG -> v.startsWith(t);
      case END -> v.endsWith(t);
      case SUB -> v.contains(t);
      case DIR -> word(v, t, '/');
      case DOM -> word(v, t, '.');
      default -> throw new IllegalStateException(name());
    };
  }

  /**
   * The pattern occurs in the sample between delimiters (or the ends), as haproxy's match_word:
   * the pattern's own leading and trailing delimiters are ignored.
   */
  static boolean word(String s, String pattern, char delim) {
    int from = 0;
    int to = pattern.length();
    while (from < to && pattern.charAt(from) == delim) {
      from++;
    }
    while (to > from && pattern.charAt(to - 1) == delim) {
      to--;
    }
    String w = pattern.substring(from, to);
    if (w.isEmpty()) {
      return false;
    }
    for (int i = s.indexOf(w); i >= 0; i = s.indexOf(w, i + 1)) {
      boolean before = i == 0 || s.charAt(i - 1) == delim;
      int end = i + w.length();
      boolean after = end == s.length() || s.charAt(end) == delim;
      if (before && after) {
        return true;
      }
    }
    return false;
  }

  /** A known method matches by name exactly; another by string, case-insensitive with -i. */
  private static boolean method(String m, Pattern p) {
    if (Pattern.KNOWN_METHODS.contains(p.text())) {
      return m.equals(p.text());
    }
    return p.ignoreCase() ? m.equalsIgnoreCase(p.text()) : m.equals(p.text());
  }

  private static Optional<Long> integer(Object sample) {
    return switch (sample) {
      case Long l -> Optional.of(l);
      case Boolean b -> Optional.of(b ? 1L : 0L);
      case String s -> {
        try {
          yield Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
          yield Optional.empty();
        }
      }
      default -> Optional.empty();
    };
  }

  private static Optional<InetAddress> address(Object sample) {
    return switch (sample) {
      case InetAddress a -> Optional.of(a);
      case String s -> Network.literal(s.strip());
      default -> Optional.empty();
    };
  }
}
