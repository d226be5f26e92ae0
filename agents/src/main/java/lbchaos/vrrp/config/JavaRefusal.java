package lbchaos.vrrp.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of a keepalived.conf that changes what keepalived does and that the Java VRRP agent does
 * not implement: the java stack refuses the config rather than run it differently (the reference
 * stack, real keepalived, runs it). {@link KeywordSupport} decides which lines these are.
 *
 * @param keyword what is not implemented, as written ("include", "track_interface", "reverse")
 * @param why what keepalived does with it that the agent would not
 */
public record JavaRefusal(Path file, int line, String keyword, String why) {

  public JavaRefusal {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(why, "why");
  }

  @Override
  public String toString() {
    return file + ":" + line + ": the java agent does not implement " + keyword + " (" + why
        + "); run --stack reference";
  }
}
