package lbchaos.maven;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A PrintStream whose lines go to Maven's log: the harness prints its progress to a stream, and
 * a build's output belongs to Maven (its -q, its log file, its colours).
 */
final class LogStream extends OutputStream {

  private final Consumer<String> sink;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private LogStream(Consumer<String> sink) {
    this.sink = sink;
  }

  static PrintStream of(Consumer<String> sink) {
    return new PrintStream(new LogStream(sink), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      flushLine();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void flush() {
    // Lines go whole: a partial line waits for its end (or close).
  }

  @Override
  public synchronized void close() {
    if (line.size() > 0) {
      flushLine();
    }
  }

  private void flushLine() {
    String s = line.toString(StandardCharsets.UTF_8);
    line.reset();
    sink.accept(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
  }
}
