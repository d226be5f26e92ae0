package lbchaos.proxy.config;

import java.util.Optional;

/** What "observe" does after error-limit consecutive errors ("on-error"); haproxy's default is fail-check. */
public enum OnError {
  /** Only shorten the next check interval to fastinter. */
  FASTINTER("fastinter"),
  /** Count as one failed check (and fastinter). */
  FAIL_CHECK("fail-check"),
  /** Leave the server one failed check away from DOWN (and fastinter). */
  SUDDEN_DEATH("sudden-death"),
  /** Mark the server DOWN at once (and fastinter). */
  MARK_DOWN("mark-down");

  private final String keyword;

  OnError(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }

  public static Optional<OnError> of(String keyword) {
    for (OnError o : values()) {
      if (o.keyword.equals(keyword)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
