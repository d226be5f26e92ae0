package lbchaos.proxy.acl;

/**
 * A rule haproxy 2.6 accepts and the agent does not implement: the config parser turns it into
 * a refusal of the java stack at the rule's line.
 *
 * @see lbchaos.config.JavaRefusal
 */
public final class Refused extends RuntimeException {

  private final String what;

  public Refused(String what, String why) {
    super(why);
    this.what = what;
  }

  /** What is refused, as written ("http-request tarpit", "acl ... -f"). */
  public String what() {
    return what;
  }

  /** Why: what haproxy does with it that the agent would not. */
  public String why() {
    return getMessage();
  }
}
