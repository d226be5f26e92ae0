package lbchaos.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET / HTTP/1.1} with {@code Connection: close}, like curl against the VIP.
 *
 * @param unnamed a 2xx answer naming no backend is {@value ProbeConfig#UNNAMED}, not a bad answer
 */
record HttpExchange(Target target, String path, boolean unnamed) implements Exchange {

  /** Pages in this test bed are one line; a cap keeps a misbehaving server from filling memory. */
  static final int MAX_RESPONSE = 64 * 1024;

  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

  @Override
  public String run(Socket socket, Deadline deadline) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String response = readResponse(socket, socket.getInputStream(), deadline);
    if (response.isEmpty()) {
      throw new BadAnswerException("empty reply");
    }
    Matcher status = STATUS.matcher(response);
    if (!status.find()) {
      throw new BadAnswerException("not HTTP: " + firstLine(response));
    }
    if (!status.group(1).startsWith("2")) {
      throw new BadAnswerException("status " + firstLine(response));
    }
    int bodyAt = response.indexOf("\r\n\r\n");
    String body = bodyAt < 0 ? "" : response.substring(bodyAt + 4);
    var named = Backends.find(body);
    if (named.isEmpty() && unnamed) {
      return ProbeConfig.UNNAMED;
    }
    return named.orElseThrow(() -> new BadAnswerException("no backend named in body"));
  }

  String request() {
    return "GET " + path + " HTTP/1.1\r\n"
        + "Host: " + target + "\r\n"
        + "User-Agent: lbchaos-probe\r\n"
        + "Accept: */*\r\n"
        + "Connection: close\r\n\r\n";
  }

  /**
   * Reads until the server closes (it should: we asked for close) or, if it keeps the connection
   * open anyway, until the Content-Length of the body has arrived.
   */
  private static String readResponse(Socket socket, InputStream in, Deadline deadline)
      throws IOException {
    byte[] buf = new byte[MAX_RESPONSE];
    int n = 0;
    while (n < buf.length) {
      int r = Exchange.read(socket, in, buf, n, buf.length - n, deadline);
      if (r < 0) {
        break;
      }
      n += r;
      if (complete(new String(buf, 0, n, StandardCharsets.ISO_8859_1))) {
        break;
      }
    }
    return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
  }

  private static boolean complete(String soFar) {
    int end = soFar.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    Matcher m = CONTENT_LENGTH.matcher(soFar.substring(0, end));
    return m.find() && soFar.length() - (end + 4) >= Long.parseLong(m.group(1));
  }

  private static String firstLine(String s) {
    int eol = s.indexOf('\n');
    String line = (eol < 0 ? s : s.substring(0, eol)).strip();
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }
}
