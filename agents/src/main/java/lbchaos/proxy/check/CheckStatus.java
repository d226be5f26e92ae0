package lbchaos.proxy.check;

/** Outcome kinds of a health check, with the descriptions haproxy prints in its logs. */
public enum CheckStatus {
  L4OK("Layer4 check passed", true),
  L4TOUT("Layer4 timeout", false),
  L4CON("Layer4 connection problem", false),
  /** Over TLS: the handshake passed (a connect check), failed, or did not end in time. */
  L6OK("Layer6 check passed", true),
  L6TOUT("Layer6 timeout", false),
  L6RSP("Layer6 invalid response", false),
  L7OK("Layer7 check passed", true),
  L7TOUT("Layer7 timeout", false),
  L7RSP("Layer7 invalid response", false),
  L7STS("Layer7 wrong status", false),
  SOCKERR("Socket error", false),
  /** A failure derived from live traffic ("observe layer4"). */
  HANA("Health analyze", false);

  private final String description;
  private final boolean passed;

  CheckStatus(String description, boolean passed) {
    this.description = description;
    this.passed = passed;
  }

  public String description() {
    return description;
  }

  public boolean passed() {
    return passed;
  }
}
