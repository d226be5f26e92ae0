package lbchaos.probe;

import java.io.IOException;

/** The connection worked but what came back names no backend (empty reply, 503, garbage). */
public final class BadAnswerException extends IOException {

  public BadAnswerException(String message) {
    super(message);
  }
}
