package lbchaos.fuzz;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Seeded generated cases for plain JUnit tests: {@code count} inputs drawn by {@code gen}, each
 * from its own {@link SplittableRandom} derived from the seed, the property's name and the case
 * index, so any one case can be rerun alone. A failure (an assertion or any exception) becomes an
 * AssertionError naming the property, seed, case index and input, and how to rerun it.
 *
 * <p>System properties: {@code lbchaos.seed} (decimal or 0x-hex; default {@link #DEFAULT_SEED}),
 * {@code lbchaos.case} (run only that index), and {@code fuzz.tries} (the case count of the fuzz
 * targets, read through {@link #fuzzTries()}; the agents' {@code fuzz} profile sets it).
 */
public final class Cases {

  public static final String SEED_PROPERTY = "lbchaos.seed";
  public static final String CASE_PROPERTY = "lbchaos.case";
  public static final String TRIES_PROPERTY = "fuzz.tries";
  public static final long DEFAULT_SEED = 0x1bc4a05L;
  /** Cases per fuzz property when {@code fuzz.tries} is not set (the normal build). */
  public static final int DEFAULT_FUZZ_TRIES = 1_000;

  private static final int MAX_INPUT_CHARS = 4_000;

  private Cases() {}

  /** The seed every property starts from. */
  public static long seed() {
    String s = System.getProperty(SEED_PROPERTY);
    if (s == null || s.isBlank()) {
      return DEFAULT_SEED;
    }
    s = s.strip();
    return s.startsWith("0x") || s.startsWith("0X") ? Long.parseUnsignedLong(s.substring(2), 16)
        : Long.parseLong(s);
  }

  /** The case count of a fuzz target: {@code fuzz.tries}, else {@link #DEFAULT_FUZZ_TRIES}. */
  public static int fuzzTries() {
    String s = System.getProperty(TRIES_PROPERTY);
    if (s == null || s.isBlank()) {
      return DEFAULT_FUZZ_TRIES;
    }
    int n = Integer.parseInt(s.strip().replace("_", ""));
    if (n < 1) {
      throw new IllegalArgumentException(TRIES_PROPERTY + " must be >= 1, was " + s);
    }
    return n;
  }

  /**
   * Runs {@code property} on {@code count} inputs from {@code gen}; the first failure is rethrown
   * as an AssertionError naming {@code name}, the seed, the case index and the input.
   */
  public static <T> void forEach(String name, int count, Function<SplittableRandom, T> gen,
      Check<T> property) {
    long seed = seed();
    String only = System.getProperty(CASE_PROPERTY);
    int from = 0;
    int to = count;
    if (only != null && !only.isBlank()) {
      from = Integer.parseInt(only.strip());
      to = Math.min(count, from + 1);
    }
    for (int i = from; i < to; i++) {
      T input;
      try {
        input = gen.apply(random(seed, name, i));
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(header(name, seed, i, count) + ": generating the input threw "
            + e, e);
      }
      try {
        property.accept(input);
      } catch (Exception | AssertionError | StackOverflowError e) {
        throw new AssertionError(header(name, seed, i, count) + "\n  input: " + show(input)
            + "\n  failure: " + e, e);
      }
    }
  }

  /** A property of one input; it may throw, and anything it throws fails the case. */
  @FunctionalInterface
  public interface Check<T> {
    void accept(T input) throws Exception;
  }

  /** The random case {@code index} of property {@code name} draws from under {@code seed}. */
  public static SplittableRandom random(long seed, String name, int index) {
    long h = mix64(seed ^ mix64(name.hashCode()));
    return new SplittableRandom(mix64(h + (index + 1L) * 0x9E3779B97F4A7C15L));
  }

  private static String header(String name, long seed, int index, int count) {
    return String.format("%s failed at case %d of %d, seed 0x%x (rerun: -D%s=0x%x -D%s=%d)",
        name, index, count, seed, SEED_PROPERTY, seed, CASE_PROPERTY, index);
  }

  /** Stafford's mix 13, as SplittableRandom uses. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A readable, reproducible rendering: byte arrays in hex, strings escaped, records by part. */
  public static String show(Object o) {
    String s = render(o);
    return s.length() <= MAX_INPUT_CHARS ? s
        : s.substring(0, MAX_INPUT_CHARS) + "... (" + s.length() + " chars)";
  }

  private static String render(Object o) {
    return switch (o) {
      case null -> "null";
      case byte[] b -> "bytes[" + b.length + "] " + HexFormat.of().formatHex(b);
      case String s -> quote(s);
      case Collection<?> c -> c.stream().map(Cases::render)
          .collect(Collectors.joining(", ", "[", "]"));
      case Record r -> {
        StringBuilder b = new StringBuilder(r.getClass().getSimpleName()).append('[');
        RecordComponent[] parts = r.getClass().getRecordComponents();
        for (int k = 0; k < parts.length; k++) {
          Object v;
          try {
            var acc = parts[k].getAccessor();
            acc.setAccessible(true);
            v = acc.invoke(r);
          } catch (ReflectiveOperationException | RuntimeException e) {
            v = "?";
          }
          b.append(k == 0 ? "" : ", ").append(parts[k].getName()).append('=').append(render(v));
        }
        yield b.append(']').toString();
      }
      default -> String.valueOf(o);
    };
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  // Generators shared by the properties.

  /** An int in [min, max], the bounds themselves drawn more often than uniform would. */
  public static int intIn(SplittableRandom r, int min, int max) {
    return switch (r.nextInt(16)) {
      case 0 -> min;
      case 1 -> max;
      default -> r.nextInt(min, max + 1 == Integer.MIN_VALUE ? max : max + 1);
    };
  }

  /** Any int, with 0, ±1 and the extremes drawn more often than uniform would. */
  public static int anyInt(SplittableRandom r) {
    return r.nextInt(8) == 0
        ? List.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE).get(r.nextInt(5))
        : r.nextInt();
  }

  /** Any byte, with 0, -1 and the extremes drawn more often than uniform would. */
  public static byte anyByte(SplittableRandom r) {
    return r.nextInt(8) == 0 ? (byte) List.of(0, 1, -1, 127, -128).get(r.nextInt(5)).intValue()
        : (byte) r.nextInt();
  }

  /** {@code min..max} bytes: random, or now and then all one edge value. */
  public static byte[] bytes(SplittableRandom r, int min, int max) {
    byte[] b = new byte[intIn(r, min, max)];
    if (r.nextInt(10) == 0) {
      java.util.Arrays.fill(b, anyByte(r));
    } else {
      r.nextBytes(b);
    }
    return b;
  }

  /** Any long, with 0, ±1 and the extremes drawn more often than uniform would. */
  public static long anyLong(SplittableRandom r) {
    return r.nextInt(8) == 0
        ? List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE).get(r.nextInt(5))
        : r.nextLong();
  }

  /** A long in [min, max], the bounds themselves drawn more often than uniform would. */
  public static long longIn(SplittableRandom r, long min, long max) {
    return switch (r.nextInt(16)) {
      case 0 -> min;
      case 1 -> max;
      default -> r.nextLong(min, max == Long.MAX_VALUE ? max : max + 1);
    };
  }

  /** A double in [min, max], the bounds themselves drawn more often than uniform would. */
  public static double doubleIn(SplittableRandom r, double min, double max) {
    return switch (r.nextInt(16)) {
      case 0 -> min;
      case 1 -> max;
      default -> r.nextDouble(min, max);
    };
  }

  /** One of {@code items}. */
  public static <T> T oneOf(SplittableRandom r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  /** {@code min..max} values of {@code gen}. */
  public static <T> List<T> listOf(SplittableRandom r, int min, int max,
      Function<SplittableRandom, T> gen) {
    int n = intIn(r, min, max);
    List<T> out = new java.util.ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(gen.apply(r));
    }
    return out;
  }
}
