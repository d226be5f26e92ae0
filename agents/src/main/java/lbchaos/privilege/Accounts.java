package lbchaos.privilege;

import java.util.Optional;

/**
 * The passwd and group databases, as a configuration parser needs them: haproxy resolves
 * {@code user} and {@code group} while it parses, so an unknown name is a configuration error
 * with its line, not a failure at the drop. An interface so parser tests need no real accounts.
 */
public interface Accounts {

  /** uid and primary gid of a user, if it exists. */
  Optional<Ids> user(String name);

  /** gid of a group, if it exists. */
  Optional<Integer> group(String name);

  /**
   * Every well-formed name exists: for a file read on one machine to run on another (the
   * harness reads the haproxy.cfg its containers will run; the user exists there, or not, and
   * the agent in the container says so).
   */
  Accounts UNCHECKED = new Accounts() {
    @Override
    public Optional<Ids> user(String name) {
      return Optional.of(new Ids(65534, 65534));
    }

    @Override
    public Optional<Integer> group(String name) {
      return Optional.of(65534);
    }
  };

  /** This system's databases (getpwnam, getgrnam through NSS). */
  Accounts SYSTEM = new Accounts() {
    @Override
    public Optional<Ids> user(String name) {
      return Posix.user(name);
    }

    @Override
    public Optional<Integer> group(String name) {
      return Posix.group(name);
    }
  };
}
