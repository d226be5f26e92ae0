package lbchaos.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Plain TCP: send one line, read one line back. The backend is named in the answer as for HTTP;
 * when it names none, the answer line itself is the backend (a server that answers its name).
 */
record LineExchange(String line) implements Exchange {

  static final int MAX_LINE = 4096;

  @Override
  public String run(Socket socket, Deadline deadline) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[MAX_LINE];
    int n = 0;
    while (n < buf.length && indexOfNewline(buf, n) < 0) {
      int r = Exchange.read(socket, in, buf, n, buf.length - n, deadline);
      if (r < 0) {
        break;
      }
      n += r;
    }
    int eol = indexOfNewline(buf, n);
    String answer = new String(buf, 0, eol < 0 ? n : eol, StandardCharsets.UTF_8).strip();
    if (answer.isEmpty()) {
      throw new BadAnswerException("empty reply");
    }
    return Backends.find(answer).orElse(answer);
  }

  private static int indexOfNewline(byte[] buf, int n) {
    for (int i = 0; i < n; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
