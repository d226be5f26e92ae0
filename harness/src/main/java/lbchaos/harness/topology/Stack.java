package lbchaos.harness.topology;

/** Which implementation runs on the LB nodes. */
public enum Stack {
  /** The real keepalived and haproxy from Debian. */
  REFERENCE,
  /** Our Java VRRP agent and Java proxy agent. */
  JAVA,
  /** loadbalancer-1 runs the reference stack, the others the java stack, in one VRID. */
  MIXED;

  public boolean javaOn(int lbIndex) {
    return this == JAVA || (this == MIXED && lbIndex > 0);
  }

  public static Stack parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown stack '" + s + "': expected reference, java or mixed");
    }
  }
}
