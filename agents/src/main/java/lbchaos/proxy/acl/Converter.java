package lbchaos.proxy.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lbchaos.proxy.config.Network;

/**
 * A converter after a fetch ("hdr(host),lower"), those of haproxy 2.6's sample.c the agent
 * implements, each as sample.c writes it: the sample is cast to the converter's input type first
 * (an integer or an address to its text, a string to an integer by its leading digits or to an
 * address), and a converter that gives nothing ends the sample (field of a missing field; a cast
 * that fails).
 *
 * @param args the arguments as written
 * @param regex regsub's expression (its "i" flag compiled in), else null
 * @param global regsub's "g" flag
 */
public record Converter(Kind kind, List<String> args, java.util.regex.Pattern regex,
    boolean global) {

  public Converter {
    Objects.requireNonNull(kind, "kind");
    args = List.copyOf(args);
  }

  /** The converters, with the type each takes and gives. */
  public enum Kind {
    LOWER(Fetch.Type.STR, Fetch.Type.STR), UPPER(Fetch.Type.STR, Fetch.Type.STR),
    LENGTH(Fetch.Type.STR, Fetch.Type.INT), FIELD(Fetch.Type.STR, Fetch.Type.STR),
    WORD(Fetch.Type.STR, Fetch.Type.STR), REGSUB(Fetch.Type.STR, Fetch.Type.STR),
    LTRIM(Fetch.Type.STR, Fetch.Type.STR), RTRIM(Fetch.Type.STR, Fetch.Type.STR),
    IPMASK(Fetch.Type.IP, Fetch.Type.IP), ADD(Fetch.Type.INT, Fetch.Type.INT),
    SUB(Fetch.Type.INT, Fetch.Type.INT), MUL(Fetch.Type.INT, Fetch.Type.INT),
    DIV(Fetch.Type.INT, Fetch.Type.INT), MOD(Fetch.Type.INT, Fetch.Type.INT),
    NEG(Fetch.Type.INT, Fetch.Type.INT), BOOL(Fetch.Type.INT, Fetch.Type.BOOL),
    NOT(Fetch.Type.INT, Fetch.Type.BOOL);

    final Fetch.Type in;
    final Fetch.Type out;

    Kind(Fetch.Type in, Fetch.Type out) {
      this.in = in;
      this.out = out;
    }

    /** How many arguments it takes, the fewest and the most. */
    int[] arity() {
      return switch (this) {
        case LOWER, UPPER, LENGTH, NEG, BOOL, NOT -> new int[] {0, 0};
        case FIELD, WORD, REGSUB -> new int[] {2, 3};
        case IPMASK -> new int[] {1, 2};
        case LTRIM, RTRIM, ADD, SUB, MUL, DIV, MOD -> new int[] {1, 1};
      };
    }
  }

  /** The sample converted, or none. */
  public Optional<Object> apply(Object sample) {
    return switch (kind.in) {
      case STR -> Optional.of(SampleExpr.text(sample)).flatMap(this::onString);
      case INT -> integer(sample).flatMap(this::onInteger);
      case IP -> address(sample).flatMap(this::onAddress);
      default -> Optional.empty();
    };
  }

  private Optional<Object> onString(String s) {
    return switch (kind) {
      case LOWER -> Optional.of(s.toLowerCase(java.util.Locale.ROOT));
      case UPPER -> Optional.of(s.toUpperCase(java.util.Locale.ROOT));
      case LENGTH -> Optional.of((long) s.length());
      case FIELD -> field(s);
      case WORD -> Optional.of(word(s));
      case REGSUB -> Optional.of(regsub(s));
      case LTRIM -> Optional.of(trim(s, true));
      case RTRIM -> Optional.of(trim(s, false));
      default -> throw new IllegalStateException(kind.name());
    };
  }

  private Optional<Object> onInteger(long v) {
    return switch (kind) {
      case ADD -> Optional.of(saturated(v, operand(), true));
      case SUB -> Optional.of(saturated(v, operand(), false));
      case MUL -> Optional.of(product(v, operand()));
      case DIV -> Optional.of(operand() == 0 || v == Long.MIN_VALUE && operand() == -1
          ? Long.MAX_VALUE : v / operand());
      case MOD -> Optional.of(operand() == 0 || operand() == -1 ? 0L : v % operand());
      case NEG -> Optional.of(v == Long.MIN_VALUE ? Long.MAX_VALUE : -v);
      case BOOL -> Optional.of(v != 0);
      case NOT -> Optional.of(v == 0);
      default -> throw new IllegalStateException(kind.name());
    };
  }

  private Optional<Object> onAddress(InetAddress a) {
    byte[] b = a.getAddress();
    boolean v6 = b.length == 16;
    if (v6 && args.size() < 2) {
      return Optional.empty(); // an IPv6 address and no IPv6 mask: haproxy gives nothing
    }
    try {
      return Optional.of(InetAddress.getByAddress(Network.applied(b,
          mask(args.get(v6 ? 1 : 0), v6))));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * ipmask's arguments: an IPv4 mask (a length or dotted), then an optional IPv6 one (a length
   * or "ffff:ffff::"); errors in haproxy's words (arg.c).
   */
  static byte[] mask(String m, boolean v6) {
    int at = v6 ? 2 : 1;
    return Network.mask(m, v6).orElseThrow(() -> new IllegalArgumentException("invalid arg " + at
        + " in converter 'ipmask' : failed to parse '" + m + "' as type '" + (v6 ? "IPv6"
        : "IPv4") + " mask' at position " + at));
  }

  private long operand() {
    return Long.parseLong(args.getFirst());
  }

  /** a + b (or a - b), held at the ends of 64 bits as sample.c's arith_add. */
  private static long saturated(long a, long b, boolean add) {
    try {
      return add ? Math.addExact(a, b) : Math.subtractExact(a, b);
    } catch (ArithmeticException e) {
      return (add ? b : -b) > 0 || !add && b == Long.MIN_VALUE ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  private static long product(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }

  /** field(N,DELIMS[,COUNT]): sample_conv_field; no sample when there is no such field. */
  private Optional<Object> field(String s) {
    int n = Integer.parseInt(args.get(0));
    String delims = args.get(1);
    int count = args.size() > 2 ? Integer.parseInt(args.get(2)) : 1;
    int field;
    int start;
    int end;
    if (n < 0) {
      field = -1;
      end = start = s.length();
      for (; start > 0; start--) {
        if (delims.indexOf(s.charAt(start - 1)) >= 0) {
          if (field == n) {
            if (count == 1) {
              return Optional.of(s.substring(start, end));
            }
            count = count > 1 ? count - 1 : count;
          } else {
            end = start - 1;
            field--;
          }
        }
      }
    } else {
      field = 1;
      end = start = 0;
      for (; end < s.length(); end++) {
        if (delims.indexOf(s.charAt(end)) >= 0) {
          if (field == n) {
            if (count == 1) {
              return Optional.of(s.substring(start, end));
            }
            count = count > 1 ? count - 1 : count;
          } else {
            start = end + 1;
            field++;
          }
        }
      }
    }
    return field == n ? Optional.of(s.substring(start, end)) : Optional.empty();
  }

  /** word(N,DELIMS[,COUNT]): sample_conv_word; an empty string when there is no such word. */
  private String word(String s) {
    int n = Integer.parseInt(args.get(0));
    String delims = args.get(1);
    int count = args.size() > 2 ? Integer.parseInt(args.get(2)) : 1;
    int word = 0;
    boolean inWord = false;
    int start;
    int end;
    if (n < 0) {
      end = start = s.length();
      for (; start > 0; start--) {
        boolean sep = delims.indexOf(s.charAt(start - 1)) >= 0;
        if (!inWord) {
          if (!sep) {
            if (word != n) {
              word--;
              end = start;
            }
            inWord = true;
          }
        } else if (sep) {
          if (word == n) {
            if (count == 1) {
              return s.substring(start, end);
            }
            count = count > 1 ? count - 1 : count;
          }
          inWord = false;
        }
      }
    } else {
      end = start = 0;
      for (; end < s.length(); end++) {
        boolean sep = delims.indexOf(s.charAt(end)) >= 0;
        if (!inWord) {
          if (!sep) {
            if (word != n) {
              word++;
              start = end;
            }
            inWord = true;
          }
        } else if (sep) {
          if (word == n) {
            if (count == 1) {
              return s.substring(start, end);
            }
            count = count > 1 ? count - 1 : count;
          }
          inWord = false;
        }
      }
    }
    return word == n ? s.substring(start, end) : "";
  }

  /** regsub(REGEX,SUBST[,FLAGS]): the first match replaced, or every one with "g". */
  private String regsub(String s) {
    java.util.regex.Matcher m = regex.matcher(s);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at <= s.length() && m.find(at)) {
      out.append(s, at, m.start()).append(RequestLine.expand(args.get(1), m));
      if (m.end() == m.start()) {
        // an empty match stands before a character: that character goes on, the search after
        if (m.end() < s.length()) {
          out.append(s.charAt(m.end()));
        }
        at = m.end() + 1;
      } else {
        at = m.end();
      }
      if (!global) {
        break;
      }
    }
    if (at < s.length()) {
      out.append(s, at, s.length());
    }
    return out.toString();
  }

  private String trim(String s, boolean left) {
    String chars = args.getFirst();
    int from = 0;
    int to = s.length();
    if (left) {
      while (from < to && chars.indexOf(s.charAt(from)) >= 0) {
        from++;
      }
    } else {
      while (to > from && chars.indexOf(s.charAt(to - 1)) >= 0) {
        to--;
      }
    }
    return s.substring(from, to);
  }

  /** A sample as an integer: sample.c's casts (a string by its leading sign and digits). */
  private static Optional<Long> integer(Object sample) {
    return switch (sample) {
      case Long l -> Optional.of(l);
      case Boolean b -> Optional.of(b ? 1L : 0L);
      case String s -> s.isEmpty() ? Optional.empty() : Optional.of(readInt64(s));
      default -> Optional.empty();
    };
  }

  /** As read_int64: an optional sign, then digits up to the first other character. */
  static long readInt64(String s) {
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      i++;
    }
    long v = 0;
    for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return negative ? -v : v;
  }

  private static Optional<InetAddress> address(Object sample) {
    return switch (sample) {
      case InetAddress a -> Optional.of(a);
      case String s -> Network.literal(s);
      default -> Optional.empty();
    };
  }
}
