package lbchaos.harness.topology;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Names one run: labels, the bridge name, iptables comments and the VRID all derive from it. */
public record RunId(String value) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public RunId {
    if (!value.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("run id must be 8 hex digits: " + value);
    }
  }

  public static RunId random() {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    return new RunId(HexFormat.of().formatHex(b));
  }

  /** Linux interface names are at most 15 characters. */
  public String bridgeName() {
    return "lbc-" + value;
  }

  /** A VRID in 1..255 per run, so two runs on one segment would never share one. */
  public int vrid() {
    return 1 + (int) (Long.parseLong(value, 16) % 255);
  }

  @Override
  public String toString() {
    return value;
  }
}
