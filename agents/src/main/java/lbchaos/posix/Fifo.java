package lbchaos.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * A named pipe written as keepalived 2.2.7 writes its notify FIFO (lib/notify.c fifo_open):
 * created with mode 0644 when missing, opened read-write and non-blocking, so that opening never
 * waits for a reader and a write to a full pipe is dropped instead of stalling the daemon. Java
 * has neither mkfifo nor O_NONBLOCK on files, hence these few libc calls (FFM, no JNI).
 */
public final class Fifo implements AutoCloseable {

  // <asm-generic/fcntl.h>; O_NOFOLLOW differs on arm64 (<asm/fcntl.h>).
  private static final int O_RDWR = 02;
  private static final int O_NONBLOCK = 04000;
  private static final int O_CLOEXEC = 02000000;
  private static final int O_NOFOLLOW = System.getProperty("os.arch").equals("aarch64")
      ? 0100000 : 0400000;
  private static final int EEXIST = 17;
  private static final int EAGAIN = 11;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle MKFIFO = handle("mkfifo",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle CHOWN = handle("chown",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  private static final MethodHandle OPEN = handle("open",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
      Linker.Option.firstVariadicArg(2));
  private static final MethodHandle WRITE = handle("write",
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle CLOSE = handle("close",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT));

  private final Path path;
  private final int fd;
  private final boolean created;

  private Fifo(Path path, int fd, boolean created) {
    this.path = path;
    this.fd = fd;
    this.created = created;
  }

  @SuppressWarnings("restricted") // native access is enabled for the agents jar (manifest)
  private static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... more) {
    Linker.Option[] options = new Linker.Option[more.length + 1];
    options[0] = Linker.Option.captureCallState("errno");
    System.arraycopy(more, 0, options, 1, more.length);
    MemorySegment symbol = LINKER.defaultLookup().find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    return LINKER.downcallHandle(symbol, fd, options);
  }

  /**
   * Creates the FIFO when missing (mode 0644 before the umask, as keepalived asks); true when
   * this call created it. An existing file of that name is used as it is (EEXIST).
   */
  public static boolean create(Path path) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      int rc = (int) MKFIFO.invokeExact(cap, a.allocateFrom(path.toString()), 0644);
      if (rc == 0) {
        return true;
      }
      int errno = (int) ERRNO.get(cap, 0L);
      if (errno == EEXIST) {
        return false;
      }
      throw new ErrnoException("mkfifo " + path, errno);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** chown(2); -1 leaves that id as it is. */
  public static void chown(Path path, int uid, int gid) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      int rc = (int) CHOWN.invokeExact(cap, a.allocateFrom(path.toString()), uid, gid);
      if (rc != 0) {
        throw new ErrnoException("chown " + path, (int) ERRNO.get(cap, 0L));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Opens it read-write and non-blocking; {@code created} says whether close removes it. */
  public static Fifo open(Path path, boolean created) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      int fd = (int) OPEN.invokeExact(cap, a.allocateFrom(path.toString()),
          O_RDWR | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW, 0);
      if (fd < 0) {
        throw new ErrnoException("open " + path, (int) ERRNO.get(cap, 0L));
      }
      return new Fifo(path, fd, created);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  public Path path() {
    return path;
  }

  /**
   * One write(2) of the line; false when the pipe was full (nobody reads): the line is lost, as
   * keepalived loses it. A line under PIPE_BUF (4096) is written whole or not at all.
   */
  public boolean write(byte[] line) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = a.allocate(CAPTURE);
      MemorySegment buf = a.allocate(Math.max(1, line.length));
      MemorySegment.copy(line, 0, buf, JAVA_BYTE, 0, line.length);
      long n = (long) WRITE.invokeExact(cap, fd, buf, (long) line.length);
      if (n >= 0) {
        return true;
      }
      int errno = (int) ERRNO.get(cap, 0L);
      if (errno == EAGAIN) {
        return false;
      }
      throw new ErrnoException("write " + path, errno);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Removes the FIFO first when this process created it, so that a reader looping to reopen it
   * cannot open it again (fifo_close), then closes it: the reader sees end of file.
   */
  @Override
  public void close() {
    close(true);
  }

  /** As {@link #close()}; {@code unlink} false leaves the FIFO in place even if made here. */
  public void close(boolean unlink) {
    if (created && unlink) {
      try {
        java.nio.file.Files.deleteIfExists(path);
      } catch (IOException e) {
        // left behind; the next start uses it as it is
      }
    }
    try (Arena a = Arena.ofConfined()) {
      int rc = (int) CLOSE.invokeExact(a.allocate(CAPTURE), fd);
      assert rc == 0 || rc == -1;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
