package lbchaos.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of a keepalived.conf or haproxy.cfg that changes what the real daemon does and that our
 * Java agent (VRRP or proxy) does not implement: the java stack refuses the config rather than
 * run it differently (the reference stack, real keepalived and haproxy, runs it).
 * {@code lbchaos.vrrp.config.KeywordSupport} and {@code lbchaos.proxy.config.HaproxyKeywordSupport}
 * decide which lines these are.
 *
 * @param keyword what is not implemented, as written ("track_interface", "reverse", "acl",
 *     "server ... ssl")
 * @param why what the daemon does with it that the agent would not
 */
public record JavaRefusal(Path file, int line, String keyword, String why) {

  public JavaRefusal {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(why, "why");
  }

  /** What is refused and why, without the place. */
  public String sentence() {
    return "the java agent does not implement " + keyword + " (" + why
        + "); run --stack reference";
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + sentence();
  }
}
