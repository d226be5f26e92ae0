package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "errorfile" in mode http, each case as haproxy 2.6.12 answered it side by side in the node
 * image (a raw client; Debian's files and files of our own): the file's answer instead of
 * haproxy's page, the backend's before the frontend's, the frontend's alone for its own rules;
 * written as the mux writes any answer (names in lower case, the file's connection header
 * replaced by the connection's state); the client's connection open after it only when the file
 * gives a length; an empty file answers nothing; an errorloc is a redirect written as a file.
 * The mux's own 400 and 408 stay as they are but for an empty file.
 */
class HttpErrorFileLoopbackTest {

  static final String CUSTOM_503 = "HTTP/1.1 503 Custom Down\r\nX-Custom: yes\r\n"
      + "Content-Length: 5\r\n\r\ndown\n";
  static final String CUSTOM_503_OUT = "HTTP/1.1 503 Custom Down\r\nx-custom: yes\r\n"
      + "content-length: 5\r\n\r\ndown\n";

  @TempDir
  Path dir;
  ProxyServer proxy;
  com.sun.net.httpserver.HttpServer web;
  int port;

  Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.ISO_8859_1);
  }

  @BeforeEach
  void start() throws Exception {
    Path debian = file("d503.http", lbchaos.proxy.config.ErrorFileTest.DEBIAN_503);
    Path custom = file("c503.http", CUSTOM_503);
    Path no = file("b403.http", "HTTP/1.1 403 Backend Says No\r\nContent-Length: 2\r\n\r\nno");
    Path empty = file("empty.http", "");
    Path refused = file("c502.http", "HTTP/1.1 502 Refused Answer\nContent-Length: 3\n\nbad");
    Path slow = file("c408.http", "HTTP/1.1 408 Too Slow\r\nContent-Length: 4\r\n\r\nslow");
    web = Backends.web(ex -> "ok");
    port = Backends.freePort();
    proxy = new ProxyServer(Transport.best(), 1, "lb-errorfile",
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    int closed = Backends.freePort();
    proxy.start(Backends.cfg(port).mode("http")
        .defaults("errorfile 503 " + debian + "\ntimeout http-request 500ms")
        .frontend("errorfile 400 " + empty + "\nerrorfile 408 " + slow
            + "\nerrorloc303 403 /why?x=1"
            + "\noption http-buffer-request\nhttp-request deny if { path /fdeny }"
            + "\nuse_backend custom if { path_beg /c }\nuse_backend silent if { path_beg /s }"
            + "\nuse_backend web if { path_beg /r }")
        .section("backend custom\n  errorfile 503 " + custom + "\n  errorfile 403 " + no
            + "\n  retries 0\n  http-request deny if { path /cdeny }"
            + "\n  server down 127.0.0.1:" + closed)
        .section("backend silent\n  errorfile 503 " + empty)
        .section("backend web\n  errorfile 502 " + refused + "\n  http-response deny"
            + "\n  server web 127.0.0.1:" + web.getAddress().getPort())
        .parse());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    web.stop(0);
  }

  @Test
  void aBackendsFileWithALengthAnswersAndTheConnectionStaysOpen() throws Exception {
    assertThat(Backends.exchange(port, "GET /c HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /c HTTP/1.1\r\nHost: x\r\n\r\n")).as("its connect refused, retries 0")
        .isEqualTo(CUSTOM_503_OUT + CUSTOM_503_OUT);
    assertThat(Backends.exchange(port, "GET /c HTTP/1.0\r\n\r\n")).as("an HTTP/1.0 client")
        .isEqualTo(CUSTOM_503_OUT.replace("\r\n\r\n", "\r\nconnection: close\r\n\r\n"));
    assertThat(Backends.exchange(port, "HEAD /c HTTP/1.1\r\nHost: x\r\n\r\n"))
        .isEqualTo(CUSTOM_503_OUT.replace("down\n", ""));
  }

  @Test
  void debiansFileOfUnknownLengthClosesTheConnectionAfterIt() throws Exception {
    assertThat(Backends.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).as("the defaults' file; one answer of two")
        .isEqualTo("HTTP/1.0 503 Service Unavailable\r\ncache-control: no-cache\r\n"
            + "content-type: text/html\r\n\r\n<html><body><h1>503 Service Unavailable</h1>\n"
            + "No server is available to handle this request.\n</body></html>\n\n");
  }

  @Test
  void theFrontendsRulesAnswerWithItsFilesAndABackendsWithItsOwn() throws Exception {
    assertThat(Backends.exchange(port, "GET /fdeny HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /fdeny HTTP/1.1\r\nHost: x\r\n\r\n")).as("the frontend's errorloc303, kept alive")
        .isEqualTo(("HTTP/1.1 303 See Other\r\ncache-control: no-cache\r\ncontent-length: 0\r\n"
            + "location: /why?x=1\r\n\r\n").repeat(2));
    assertThat(Backends.exchange(port, "GET /cdeny HTTP/1.1\r\nHost: x\r\n\r\n"))
        .isEqualTo("HTTP/1.1 403 Backend Says No\r\ncontent-length: 2\r\n\r\nno");
    assertThat(Backends.exchange(port, "GET /r HTTP/1.1\r\nHost: x\r\n\r\n"))
        .as("http-response deny: the backend's 502 file").isEqualTo(
            "HTTP/1.1 502 Refused Answer\r\ncontent-length: 3\r\n\r\nbad");
  }

  @Test
  void anEmptyFileAnswersNothing() throws Exception {
    assertThat(Backends.exchange(port, "GET /s HTTP/1.1\r\nHost: x\r\n\r\n")).isEmpty();
    assertThat(Backends.exchange(port, "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"))
        .as("the mux's 400, silenced by the frontend's empty errorfile 400").isEmpty();
  }

  @Test
  void theMuxs408StaysItsOwnAndABodysWaitEndsInTheFile() throws Exception {
    assertThat(read("GET / HTTP/1.1\r\nHo")).as("a head that did not come")
        .isEqualTo(OwnAnswers.REQUEST_TIMEOUT);
    assertThat(read("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab"))
        .as("a body that did not come: the file, the connection left to the client")
        .isEqualTo("HTTP/1.1 408 Too Slow\r\ncontent-length: 4\r\nconnection: close\r\n\r\n"
            + "slow");
  }

  /** What the proxy writes to {@code data} within 2 s (the connection may stay open). */
  String read(String data) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(2000);
      s.getOutputStream().write(data.getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] b = new byte[4096];
      try {
        for (int n; (n = in.read(b)) > 0; ) {
          out.write(b, 0, n);
        }
      } catch (SocketTimeoutException e) {
        // still open: what came is the answer
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
