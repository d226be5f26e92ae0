package lbchaos.harness.shard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * Slice {@code index} of {@code count} of a run's cells (scenario x stack), for spreading a
 * matrix over N machines: each cell lands in exactly one slice, the same one on every machine,
 * and the slices take about the same time (balanced by each cell's measured duration, not by
 * how many cells they hold).
 */
public record Shard(int index, int count) {

  public static final Shard ALL = new Shard(1, 1);
  /** Seconds a cell not in the durations file is taken to need. */
  static final double UNKNOWN_SECONDS = 25;

  public Shard {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, got " + index + "/"
          + count);
    }
  }

  /** "2/3"; anything else is an IllegalArgumentException naming the expected form. */
  public static Shard parse(String text) {
    String[] parts = text == null ? new String[0] : text.strip().split("/");
    try {
      if (parts.length == 2) {
        return new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("--shard wants I/N (e.g. 1/2), got '" + text + "'");
  }

  /** The shard the suites run, from {@code -Dlbchaos.shard=I/N}; all cells without it. */
  public static Shard fromSystemProperty() {
    String s = System.getProperty("lbchaos.shard");
    return s == null || s.isBlank() ? ALL : parse(s);
  }

  /** A cell of the matrix: one scenario on one stack ("master-down", "java"). */
  public record Cell(String scenario, String stack) {
    String key() {
      return scenario + "@" + stack;
    }
  }

  /**
   * The cells of this shard, in the order given. Longest first, each goes to the slice with the
   * least time so far (ties to the lowest slice; equal durations ordered by name), so every
   * machine computes the same slices from the same list.
   */
  public <T> List<T> slice(List<T> items, Function<T, Cell> cell) {
    if (count == 1) {
      return List.copyOf(items);
    }
    Properties seconds = durations();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer>comparingDouble(i -> -seconds(seconds, cell.apply(items.get(i))))
        .thenComparing(i -> cell.apply(items.get(i)).key()));
    double[] load = new double[count];
    int[] slice = new int[items.size()];
    for (int i : order) {
      int least = 0;
      for (int s = 1; s < count; s++) {
        if (load[s] < load[least]) {
          least = s;
        }
      }
      slice[i] = least;
      load[least] += seconds(seconds, cell.apply(items.get(i)));
    }
    List<T> mine = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (slice[i] == index - 1) {
        mine.add(items.get(i));
      }
    }
    return mine;
  }

  public boolean contains(List<Cell> all, Cell c) {
    return slice(all, Function.identity()).contains(c);
  }

  static double seconds(Properties p, Cell c) {
    String v = p.getProperty(c.scenario());
    return v == null ? UNKNOWN_SECONDS : Double.parseDouble(v);
  }

  private static Properties durations() {
    Properties p = new Properties();
    try (InputStream in = Shard.class.getResourceAsStream("seconds.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cells' durations", e);
    }
    return p;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
