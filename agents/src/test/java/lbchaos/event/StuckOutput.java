package lbchaos.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * An output whose writes block until {@link #release()} (a container's stdout whose reader
 * stalls), keeping what was written for the assertions.
 */
public final class StuckOutput extends OutputStream {

  private final CountDownLatch released = new CountDownLatch(1);
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

  @Override
  public void write(int b) throws IOException {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    synchronized (kept) {
      kept.write(b);
    }
  }

  public void release() {
    released.countDown();
  }

  /** The lines written so far. */
  public java.util.List<String> lines() {
    synchronized (kept) {
      String s = kept.toString(StandardCharsets.UTF_8);
      return s.isEmpty() ? java.util.List.of() : java.util.List.of(s.split("\n"));
    }
  }
}
