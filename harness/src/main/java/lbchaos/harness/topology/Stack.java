package lbchaos.harness.topology;

import java.util.Arrays;
import java.util.Locale;

/** Which implementation runs on the LB nodes, and on which Debian release its image is built. */
public enum Stack {
  /** The real keepalived and haproxy from Debian 12 (keepalived 2.2.7, haproxy 2.6). */
  REFERENCE("bookworm"),
  /** The real keepalived and haproxy from Debian 13, newer lines of both: the upgrade gate. */
  REFERENCE_13("trixie"),
  /** Our Java VRRP agent and Java proxy agent. */
  JAVA("bookworm"),
  /** loadbalancer-1 runs the reference stack, the others the java stack, in one VRID. */
  MIXED("bookworm");

  private final String debian;

  Stack(String debian) {
    this.debian = debian;
  }

  public boolean javaOn(int lbIndex) {
    return this == JAVA || (this == MIXED && lbIndex > 0);
  }

  /** The Debian suite every container of a topology on this stack runs. */
  public String debian() {
    return debian;
  }

  /** How the stack is named in options, output and summary.json: "reference-13". */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Stack parse(String s) {
    String wanted = s.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(st -> st.label().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown stack '" + s + "': expected "
            + String.join(", ", Arrays.stream(values()).map(Stack::label).toList())));
  }
}
