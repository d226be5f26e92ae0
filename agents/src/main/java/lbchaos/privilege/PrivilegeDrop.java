package lbchaos.privilege;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import lbchaos.posix.ErrnoException;

/**
 * Drops root in-process, after an agent has opened its privileged sockets: supplementary
 * groups, gid, then uid (the last, since it gives up the right to change the others), keeping
 * only the named capabilities. Verified afterwards: every id is the target, the capability sets
 * are exactly what was kept, and {@code setuid(0)} is refused.
 *
 * <p>Threads: glibc's set*id calls change every thread, but {@code PR_SET_KEEPCAPS} and capset
 * act on the calling thread only. So capabilities are kept by the thread that calls this, and
 * by the threads it (or its descendants) starts afterwards, which inherit its credentials;
 * threads that existed before lose every capability. An agent that keeps any must call this
 * before it starts the threads that use them.
 */
public final class PrivilegeDrop {

  /** What happened. */
  public sealed interface Outcome {
    String sentence();
  }

  /** Running as {@code ids} with exactly {@code kept}. */
  public record Dropped(UserSpec to, Ids ids, Set<Capability> kept) implements Outcome {
    public Dropped {
      kept = Set.copyOf(kept);
    }

    @Override
    public String sentence() {
      return "dropped root: now uid " + ids.uid() + " gid " + ids.gid() + " (" + to + ")"
          + (kept.isEmpty() ? ", no capabilities" : ", keeping only " + EnumSet.copyOf(kept))
          + "; setuid(0) refused";
    }
  }

  /** Nothing changed, and why. */
  public record Unchanged(String reason) implements Outcome {
    @Override
    public String sentence() {
      return "privileges unchanged: " + reason;
    }
  }

  private PrivilegeDrop() {}

  /** Whether {@link #drop} would change anything here: we are root and the target is not. */
  public static boolean wouldDrop(UserSpec to) {
    return unchanged(Posix.geteuid(), to).isEmpty();
  }

  /** Why nothing is to be done, if so: the target is root, or we are not root to begin with. */
  static Optional<String> unchanged(int euid, UserSpec to) {
    if (to.isRoot()) {
      return Optional.of("asked to run as root");
    }
    if (euid != 0) {
      return Optional.of("not running as root (euid " + euid + "), nothing to drop");
    }
    return Optional.empty();
  }

  /**
   * The ids of {@code to}: names through the passwd and group databases, numbers as they are;
   * a numeric user without a group gets the gid of the same number.
   */
  public static Ids resolve(UserSpec to) {
    Ids user;
    if (to.numericUser()) {
      int uid = Integer.parseInt(to.user());
      user = new Ids(uid, uid);
    } else {
      user = Posix.user(to.user())
          .orElseThrow(() -> new IllegalArgumentException("no user " + to.user()));
    }
    if (to.group().isEmpty()) {
      return user;
    }
    String g = to.group().get();
    int gid = g.chars().allMatch(Character::isDigit) ? Integer.parseInt(g)
        : Posix.group(g).orElseThrow(() -> new IllegalArgumentException("no group " + g));
    return new Ids(user.uid(), gid);
  }

  /**
   * Becomes {@code to}, keeping {@code keep}; throws when a step fails or the result does not
   * verify, in which case the caller must exit rather than run half-dropped.
   */
  public static Outcome drop(UserSpec to, Set<Capability> keep) throws IOException {
    Optional<String> skip = unchanged(Posix.geteuid(), to);
    if (skip.isPresent()) {
      return new Unchanged(skip.get());
    }
    Ids ids = resolve(to);
    if (ids.root()) {
      return new Unchanged(to + " is uid 0");
    }
    long mask = Capability.mask(keep);
    if (mask != 0) {
      // Without it, the uid change clears the permitted set (capabilities(7), "Effect of user
      // ID changes on capabilities") and nothing could be kept.
      Posix.prctl(Posix.PR_SET_KEEPCAPS, 1);
    }
    Posix.setgroups(ids.gid());
    Posix.setgid(ids.gid());
    Posix.setuid(ids.uid());
    // Permitted and effective become exactly the kept set (SETUID and SETGID among the rest go,
    // so root cannot come back); inheritable and with it ambient become empty, so scripts we
    // start get nothing.
    Posix.capset(mask);
    if (mask != 0) {
      Posix.prctl(Posix.PR_SET_KEEPCAPS, 0);
    }
    verify(to, ids, mask);
    return new Dropped(to, ids, Capability.of(mask));
  }

  private static void verify(UserSpec to, Ids ids, long mask) throws IOException {
    int uid = Posix.getuid();
    int euid = Posix.geteuid();
    int gid = Posix.getgid();
    int egid = Posix.getegid();
    if (uid != ids.uid() || euid != ids.uid() || gid != ids.gid() || egid != ids.gid()) {
      throw new IllegalStateException("dropping to " + to + " left uid " + uid + " euid " + euid
          + " gid " + gid + " egid " + egid);
    }
    try {
      Posix.setuid(0);
      throw new IllegalStateException("setuid(0) succeeded after dropping to " + to);
    } catch (ErrnoException e) {
      if (e.errno() != Posix.EPERM) {
        throw new IllegalStateException("setuid(0) failed other than with EPERM: " + e);
      }
    }
    ProcStatus status = ProcStatus.parse(Files.readString(Path.of("/proc/thread-self/status")));
    var problems = status.problems(ids, mask);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("dropping to " + to + ": " + String.join("; ", problems));
    }
  }
}
