package lbchaos.report.summary;

import java.io.IOException;

/** A summary.json that does not have the documented form; the message names the file and field. */
public class SummaryFormatException extends IOException {

  public SummaryFormatException(String message) {
    super(message);
  }

  public SummaryFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
