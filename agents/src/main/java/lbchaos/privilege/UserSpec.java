package lbchaos.privilege;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whom to become: a user name or numeric uid, optionally a group name or gid (else the user's
 * primary group). Written {@code user[:group]} on our command lines, {@code user [group]} in
 * keepalived's {@code script_user}.
 */
public record UserSpec(String user, Optional<String> group) {

  // POSIX portable user names plus the digits of a numeric id; nothing a shell would expand.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?");

  public UserSpec {
    if (user == null || !NAME.matcher(user).matches()) {
      throw new IllegalArgumentException("not a user name or uid: '" + user + "'");
    }
    if (group == null || group.isPresent() && !NAME.matcher(group.get()).matches()) {
      throw new IllegalArgumentException("not a group name or gid: '" + group + "'");
    }
  }

  /** {@code user} or {@code user:group}. */
  public static UserSpec parse(String text) {
    int colon = text.indexOf(':');
    return colon < 0 ? new UserSpec(text.strip(), Optional.empty())
        : new UserSpec(text.substring(0, colon).strip(),
            Optional.of(text.substring(colon + 1).strip()));
  }

  /** keepalived's {@code script_user USER [GROUP]} arguments. */
  public static UserSpec ofScriptUser(String args) {
    List<String> words = List.of(args.strip().split("\\s+"));
    if (words.size() > 2) {
      throw new IllegalArgumentException("script_user takes a user and an optional group: '"
          + args + "'");
    }
    return new UserSpec(words.get(0), words.size() == 2 ? Optional.of(words.get(1))
        : Optional.empty());
  }

  /** Root by name or by number: "dropping" to it keeps every privilege. */
  public boolean isRoot() {
    return user.equals("root") || user.equals("0");
  }

  boolean numericUser() {
    return user.chars().allMatch(Character::isDigit);
  }

  @Override
  public String toString() {
    return group.map(g -> user + ":" + g).orElse(user);
  }
}
