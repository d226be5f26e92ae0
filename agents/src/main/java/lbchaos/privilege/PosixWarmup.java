package lbchaos.privilege;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@code vrrp --train}: the privilege drop's calls that change nothing, so that the class
 * data sharing archive holds what their first invocation links (see lbchaos.vrrp.net.NetWarmup).
 * The getters read; setuid(-1) and setgid(-1) fail with EINVAL ("the ID specified is not valid",
 * setuid(2)), prctl with an option that does not exist fails the same way; the passwd and group
 * look-ups read. setgroups and capset have no such harmless form and are left out.
 */
public final class PosixWarmup {

  /** How many calls {@link #run} makes that must fail. */
  public static final int CALLS = 3;

  private PosixWarmup() {}

  /** Runs the calls; returns how many failed as expected ({@link #CALLS}). */
  public static int run() throws IOException {
    int ids = Posix.getuid() + Posix.geteuid() + Posix.getgid() + Posix.getegid();
    assert ids >= 0;
    Posix.user("root");
    Posix.group("root");
    int failed = 0;
    try {
      Posix.setuid(-1);
    } catch (IOException expected) {
      failed++;
    }
    try {
      Posix.setgid(-1);
    } catch (IOException expected) {
      failed++;
    }
    try {
      Posix.prctl(-1, 0);
    } catch (IOException expected) {
      failed++;
    }
    ProcStatus.parse(Files.readString(Path.of("/proc/thread-self/status")))
        .problems(new Ids(Posix.getuid(), Posix.getgid()), 0);
    return failed;
  }
}
