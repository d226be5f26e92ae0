package lbchaos.report.model;

/**
 * Names of the figures the summary table and summary.json single out. Checks may produce any
 * other figure too; these are the ones a person compares between runs.
 */
public final class Figures {

  /** Seconds the client saw no successful answer, longest stretch. */
  public static final String OUTAGE_S = "outage_s";
  /** Requests that failed (timeout, refused, reset, bad answer). */
  public static final String FAILED_REQUESTS = "failed_requests";
  /** Seconds from the fault to the system noticing it (backend marked DOWN, VIP moved). */
  public static final String DETECTION_S = "detection_s";
  /** Seconds from the heal to the healed part serving again. */
  public static final String REJOIN_S = "rejoin_s";

  private Figures() {}
}
