package lbchaos.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A text file of the test classpath, such as a fuzz target's seed input. */
public final class Seeds {

  private Seeds() {}

  /** The UTF-8 text at {@code resource} (absolute classpath path). */
  public static String text(String resource) {
    try (InputStream in = Seeds.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("not on the test classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
