package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lbchaos.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "errorfile STATUS FILE", "errorloc STATUS URL" and http-errors sections as haproxy 2.6.12 reads
 * them (side by side in the node image): which lines it takes, which files, and the words of
 * each refusal.
 */
public class ErrorFileTest {

  /** Debian's /etc/haproxy/errors/503.http, byte for byte. */
  public static final String DEBIAN_503 = "HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-cache\r\n"
      + "Connection: close\r\nContent-Type: text/html\r\n\r\n<html><body><h1>503 Service"
      + " Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n\n";

  static ErrorMessage parse(String raw) {
    return ErrorMessage.parse(raw.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void debiansFileIsAnHttp10AnswerOfUnknownLengthThatClosesTheConnection() {
    ErrorMessage m = parse(DEBIAN_503);
    assertThat(m.version()).isEqualTo("HTTP/1.0");
    assertThat(m.status()).isEqualTo(503);
    assertThat(m.reason()).isEqualTo("Service Unavailable");
    assertThat(m.headers()).as("names folded; the mux writes its own connection header")
        .containsExactly(Map.entry("cache-control", "no-cache"),
            Map.entry("content-type", "text/html"));
    assertThat(m.framed()).isFalse();
    assertThat(m.close()).isTrue();
    assertThat(new String(m.body(), StandardCharsets.ISO_8859_1)).startsWith("<html>")
        .endsWith("</body></html>\n\n");
  }

  @Test
  void aLengthFramesTheAnswerAndBareLineFeedsEndLines() {
    ErrorMessage m = parse("HTTP/1.1 503 Custom Down\nX-Custom: yes\nContent-Length: 5\n"
        + "Content-Length: 5\n\ndown\n");
    assertThat(m.headers()).as("one length of two alike")
        .containsExactly(Map.entry("x-custom", "yes"), Map.entry("content-length", "5"));
    assertThat(m.framed()).isTrue();
    assertThat(m.close()).isFalse();
    assertThat(parse("HTTP/1.1 204 None\r\nX-A: 1\r\n\r\n").framed()).as("a 204 has no body")
        .isTrue();
    assertThat(parse("HTTP/1.1 503 X\r\nConnection: keep-alive, x-other\r\nContent-Length: 0"
        + "\r\n\r\n").headers()).containsExactly(Map.entry("connection", "x-other"),
            Map.entry("content-length", "0"));
    assertThat(parse("").silent()).as("an empty file: nothing is sent").isTrue();
  }

  @Test
  void whatHaproxyRefusesInAFileItRefusesInItsWords() {
    assertThatThrownBy(() -> parse("HTTP/1.1 503 Bad\r\nContent-Length: 9\r\n\r\nabc"))
        .hasMessage("payload size does not match the announced content-length (3 != 9)");
    assertThatThrownBy(() -> parse("HTTP/1.1 503 C\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        + "\r\n")).hasMessage("chunk-encoded payload not supported");
    assertThatThrownBy(() -> parse("HTTP/1.1 204 N\r\n\r\nbody"))
        .hasMessage("message payload not expected");
    assertThatThrownBy(() -> parse("HTTP/1.1 100 Cont\r\n\r\n"))
        .hasMessage("invalid http status code for an error message (100)");
    assertThatThrownBy(() -> parse("HTTP/2 503 X\r\n\r\n"))
        .hasMessage("invalid http version (HTTP/2)");
    assertThatThrownBy(() -> parse("HTTP/1.1 503 X\r\nBad Header\r\n\r\n"))
        .hasMessage("unable to parse headers (error offset: 19)");
    assertThatThrownBy(() -> parse("garbage\r\n\r\n"))
        .hasMessage("unable to parse headers (error offset: 0)");
    assertThatThrownBy(() -> parse("HTTP/1.1 503 Trail"))
        .hasMessage("unable to parse headers (error offset: -2)");
    assertThatThrownBy(() -> parse("HTTP/1.1 503 X\r\nContent-Length: 3\r\nContent-Length: 4"
        + "\r\n\r\nabc")).hasMessageStartingWith("unable to parse headers");
  }

  static HaproxyConfig config(String text) throws ConfigException {
    return HaproxyConfigParser.parse(Path.of("e.cfg"), text);
  }

  @Test
  void aProxyTakesItsDefaultsLinesAndItsOwnReplaceThem() throws Exception {
    HaproxyConfig c = config("""
        defaults
          mode http
          errorfile 503 /d/503.http
          errorfile 403abc /d/403.http ignored words
        frontend f
          bind :80
          errorfile 503 /f/503.http
          default_backend b
        backend b
        """);
    assertThat(c.frontends().getFirst().errorFiles()).containsOnly(
        Map.entry(503, new ErrorFile(503, "errorfile", "/f/503.http", 7)),
        Map.entry(403, new ErrorFile(403, "errorfile", "/d/403.http", 4)));
    assertThat(c.backends().getFirst().errorFiles()).containsOnly(
        Map.entry(503, new ErrorFile(503, "errorfile", "/d/503.http", 3)),
        Map.entry(403, new ErrorFile(403, "errorfile", "/d/403.http", 4)));
  }

  @Test
  void aStatusWithoutAPageOrALineWithoutAFileIsAnError() {
    assertThatThrownBy(() -> config("defaults\n  errorfile 999 /x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("e.cfg:2: errorfile : status code '999' not handled.");
    assertThatThrownBy(() -> config("defaults\n  errorfile 503\n"))
        .hasMessageContaining("e.cfg:2: errorfile : expects <status_code> and <file> as"
            + " arguments.");
    assertThatThrownBy(() -> config("global\n  errorfile 503 /x\n"))
        .hasMessageContaining("unknown keyword 'errorfile' in 'global' section");
  }

  @Test
  void anErrorlocIsARedirectHaproxyWritesAsAFile() throws Exception {
    var lines = config("""
        defaults
          mode http
          errorloc 503 http://a.example/down
          errorloc303 403 /why?x=1
          errorfile 500 /x
          errorloc302 500 /late
        backend b
        """).backends().getFirst().errorFiles();
    assertThat(lines).as("the later line for a status wins").containsOnly(
        Map.entry(503, new ErrorFile(503, "errorloc", "http://a.example/down", 3)),
        Map.entry(403, new ErrorFile(403, "errorloc303", "/why?x=1", 4)),
        Map.entry(500, new ErrorFile(500, "errorloc302", "/late", 6)));
    ErrorMessage m = lines.get(403).load();
    assertThat(m.version() + " " + m.status() + " " + m.reason()).isEqualTo(
        "HTTP/1.1 303 See Other");
    assertThat(m.headers()).containsExactly(Map.entry("cache-control", "no-cache"),
        Map.entry("content-length", "0"), Map.entry("location", "/why?x=1"));
    assertThat(lines.get(503).load().reason()).isEqualTo("Found");
    assertThatThrownBy(() -> config("defaults\n  errorloc 999 /x\n"))
        .hasMessageContaining("e.cfg:2: errorloc : status code '999' not handled.");
    assertThatThrownBy(() -> config("defaults\n  errorloc303 503\n"))
        .hasMessageContaining("e.cfg:2: errorloc303 : expects <status_code> and <url> as"
            + " arguments.");
  }

  @Test
  void anHttpErrorsSectionsFilesComeInWhereErrorfilesNamesItInTheProxysOrder() throws Exception {
    HaproxyConfig c = config("""
        defaults
          mode http
          errorfiles site
        backend b1
        backend b2
          errorfile 503 /own/503.http
          errorfiles site 503 404
        backend b3
          errorfiles site 503
          errorfile 503 /own/503.http
        http-errors site
          errorfile 503 /site/503.http
          errorfile 403 /site/403.http
        """);
    Map<String, Map<Integer, ErrorFile>> files = new java.util.HashMap<>();
    c.backends().forEach(b -> files.put(b.name(), b.errorFiles()));
    ErrorFile site503 = new ErrorFile(503, "errorfile", "/site/503.http", 12);
    ErrorFile site403 = new ErrorFile(403, "errorfile", "/site/403.http", 13);
    assertThat(files.get("b1")).as("the section after its use").containsOnly(
        Map.entry(503, site503), Map.entry(403, site403));
    assertThat(files.get("b2")).containsOnly(Map.entry(503, site503), Map.entry(403, site403));
    assertThat(files.get("b3")).containsOnly(
        Map.entry(503, new ErrorFile(503, "errorfile", "/own/503.http", 10)),
        Map.entry(403, site403));
    assertThat(c.warnings()).map(Object::toString).filteredOn(w -> w.contains("http-errors"))
        .containsExactly("e.cfg:7: proxy 'b2' : status '404' not declared in http-errors"
            + " section 'site'");
  }

  @Test
  void anUnknownOrRepeatedSectionAndWhatASectionCannotHoldAreErrors() {
    assertThatThrownBy(() -> config("defaults\n  errorfiles nosuch\nbackend b\n"))
        .hasMessageContaining("e.cfg:2: proxy 'b': unknown http-errors section 'nosuch'");
    assertThatThrownBy(() -> config("http-errors a\n  option x\nhttp-errors a\nhttp-errors\n"
        + "backend b\n  errorfiles a 999\n"))
        .hasMessageContaining("e.cfg:2: unknown keyword 'option' in 'http-errors' section")
        .hasMessageContaining("e.cfg:3: http-errors section 'a' already exists (declared at"
            + " e.cfg:1).")
        .hasMessageContaining("e.cfg:4: missing name for http-errors section.")
        .hasMessageContaining("e.cfg:6: errorfiles : status code '999' not handled.");
  }

  @Test
  void theFileIsReadWhereTheProxyRuns(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("503.http"), DEBIAN_503);
    assertThat(new ErrorFile(503, "errorfile", good.toString(), 3).load().status()).isEqualTo(503);
    assertThatThrownBy(() -> new ErrorFile(503, "errorfile", dir.resolve("none.http").toString(), 3).load())
        .hasMessage("errorfile : error opening file '" + dir.resolve("none.http") + "'.");
    Path bad = Files.writeString(dir.resolve("bad.http"), "HTTP/1.1 503 X\r\nContent-Length: 9"
        + "\r\n\r\nabc");
    assertThatThrownBy(() -> new ErrorFile(503, "errorfile", bad.toString(), 3).load())
        .hasMessage("errorfile : '" + bad + "': payload size does not match the announced"
            + " content-length (3 != 9)");
    assertThat(List.of(401, 407, 421, 422)).as("statuses with a page since 2.6")
        .allMatch(lbchaos.proxy.acl.Answer::hasPage);
  }
}
