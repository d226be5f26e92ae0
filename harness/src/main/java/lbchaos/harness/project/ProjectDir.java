package lbchaos.harness.project;

import java.nio.file.Path;

/**
 * Where a team's config files are named from: the project's directory. Surefire and Failsafe set
 * the system property {@code basedir} to it and start the test JVM there; an IDE runs tests in
 * the module's directory too. So {@code "lb/haproxy.cfg"} in an annotation means the same file
 * from {@code mvn verify}, from the IDE and from the Maven plugin.
 */
public final class ProjectDir {

  private ProjectDir() {}

  /** {@code -Dbasedir} when set, else the working directory. */
  public static Path root() {
    String basedir = System.getProperty("basedir");
    return Path.of(basedir != null && !basedir.isBlank() ? basedir
        : System.getProperty("user.dir")).toAbsolutePath();
  }

  /** {@code path} as given when absolute, else under {@link #root()}. */
  public static Path resolve(String path) {
    return resolve(root(), path);
  }

  /** {@code path} as given when absolute, else under {@code root}. */
  public static Path resolve(Path root, String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : root.resolve(p).normalize();
  }
}
