package lbchaos.posix;

import java.io.IOException;

/**
 * A libc call made through FFM failed: the call and its errno, so callers can treat EEXIST,
 * EPERM and the like as the answers they are.
 */
public final class ErrnoException extends IOException {
  private final int errno;

  public ErrnoException(String call, int errno) {
    super(call + " failed: errno " + errno);
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }
}
