package lbchaos.proxy.check;

import java.util.Optional;
import lbchaos.proxy.config.Observe;

/**
 * What one piece of live traffic told about a server, and how haproxy's health analysis reads it
 * for each "observe" layer (haproxy 2.6 src/check.c analyze_statuses: per layer, ignore, error or
 * ok). layer4 watches connects only; layer7 ignores successful connects, counts failed ones, and
 * judges every HTTP answer (src/http_ana.c http_wait_for_response and its error paths).
 */
public enum Traffic {
  L4_OK("L4 successful connection", Effect.OK, Effect.IGNORE),
  L4_ERR("L4 unsuccessful connection", Effect.ERROR, Effect.ERROR),
  HTTP_OK("Correct http response", Effect.IGNORE, Effect.OK),
  HTTP_STS("Wrong http response", Effect.IGNORE, Effect.ERROR),
  HTTP_RSP("Invalid http response", Effect.IGNORE, Effect.ERROR),
  HTTP_READ_TIMEOUT("Read timeout (http)", Effect.IGNORE, Effect.ERROR),
  HTTP_BROKEN_PIPE("Close from server (http)", Effect.IGNORE, Effect.ERROR);

  private enum Effect { IGNORE, ERROR, OK }

  private final String description;
  private final Effect layer4;
  private final Effect layer7;

  Traffic(String description, Effect layer4, Effect layer7) {
    this.description = description;
    this.layer4 = layer4;
    this.layer7 = layer7;
  }

  /** As haproxy logs it: "..., last one was: Wrong http response". */
  public String description() {
    return description;
  }

  /**
   * A server's final status: a 5xx is the server's failure, except 501 and 505, which a client's
   * request provokes (http_ana.c: "we must not count them as server failures").
   */
  public static Traffic ofStatus(int status) {
    return status >= 100 && (status < 500 || status == 501 || status == 505) ? HTTP_OK : HTTP_STS;
  }

  /** Empty when this layer ignores it; true for an error, false for a success (ends a streak). */
  public Optional<Boolean> failed(Observe.Layer layer) {
    Effect e = switch (layer) {
      case NONE -> Effect.IGNORE;
      case LAYER4 -> layer4;
      case LAYER7 -> layer7;
    };
    return e == Effect.IGNORE ? Optional.empty() : Optional.of(e == Effect.ERROR);
  }
}
