package lbchaos.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** What the probe says on a fresh connection, and how it reads the backend's name from the answer. */
sealed interface Exchange permits HttpExchange, LineExchange {

  /** Returns the backend that answered; throws BadAnswerException when none can be read. */
  String run(Socket socket, Deadline deadline) throws IOException;

  static Exchange of(ProbeConfig c) {
    return switch (c.mode()) {
      case HTTP -> new HttpExchange(c.target(), c.path(), c.unnamed());
      case TCP -> new LineExchange(c.line());
    };
  }

  /** One read within the remaining budget; -1 at end of stream. */
  static int read(Socket socket, InputStream in, byte[] buf, int off, int len, Deadline deadline)
      throws IOException {
    socket.setSoTimeout(deadline.remainingMillis());
    return in.read(buf, off, len);
  }
}
