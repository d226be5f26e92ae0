package lbchaos.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lbchaos.event.AccessLog;
import org.junit.jupiter.api.Test;

/**
 * Lines haproxy 2.6.12 wrote (the reference image, "log stdout format raw local0", option
 * httplog and tcplog; see haproxy-2.6.12.log): each parses, and rendering the parsed record with
 * the same format gives the line back byte for byte.
 */
class AccessLogLineTest {

  static List<String> golden() throws IOException {
    try (InputStream in = AccessLogLineTest.class.getResourceAsStream("haproxy-2.6.12.log")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void everyCapturedLineRoundTrips() throws IOException {
    List<String> lines = golden();
    assertThat(lines).as("captured lines").hasSize(8);
    for (String line : lines) {
      AccessLog a = AccessLogLine.parse("lb", line).orElseThrow(
          () -> new AssertionError("not parsed: " + line));
      String format = a.mode().equals("http") ? LogFormat.HTTPLOG : LogFormat.TCPLOG;
      assertThat(LogFormat.compile(format).render(a)).as("rendered again").isEqualTo(line);
    }
  }

  @Test
  void readsTheFieldsOfAnHttpLine() throws IOException {
    AccessLog ok = AccessLogLine.parse("lb", golden().get(0)).orElseThrow();
    assertThat(ok.server()).isEqualTo("backend-1");
    assertThat(ok.backend()).isEqualTo("apiserver");
    assertThat(ok.frontend()).isEqualTo("apiserver");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.bytes()).isEqualTo(83);
    assertThat(ok.termination()).isEqualTo("----");
    assertThat(ok.request()).isEqualTo("GET / HTTP/1.1");
    assertThat(ok.client()).isEqualTo("127.0.0.1:49650");
    AccessLog refused = AccessLogLine.parse("lb", golden().get(1)).orElseThrow();
    assertThat(refused.state()).isEqualTo("SC");
    assertThat(refused.retries()).isEqualTo(3);
    assertThat(refused.tc()).isEqualTo(-1);
    assertThat(refused.ta()).isEqualTo(3004);
    assertThat(AccessLogLine.parse("lb", golden().get(3)).orElseThrow().hasServer()).isFalse();
  }

  @Test
  void readsATcpLineAndASyslogHeader() throws IOException {
    String line = "<134>Dec  4 10:44:33 haproxy[8]: " + golden().get(6);
    AccessLog a = AccessLogLine.parse("lb", line).orElseThrow();
    assertThat(a.mode()).isEqualTo("tcp");
    assertThat(a.server()).isEqualTo("backend-1");
    assertThat(a.tw()).isEqualTo(1);
    assertThat(a.ta()).as("Tt").isEqualTo(0);
    assertThat(a.bytes()).isEqualTo(95);
    assertThat(a.state()).isEqualTo("--");
  }

  @Test
  void otherLinesAreNotAccessLogs() {
    assertThat(AccessLogLine.parse("lb", "[WARNING]  (8) : Server apiserver/backend-1 is DOWN,"
        + " reason: Layer4 connection problem")).isEmpty();
    assertThat(AccessLogLine.parse("lb", "127.0.0.1:1 [04/Dec/2026:10:44:24.583] a b/c 0/0"))
        .isEmpty();
  }

  @Test
  void logFormatVariablesAsHaproxyReadsThem() {
    LogFormat f = LogFormat.compile("%ci  %s %%%{+Q}r");
    assertThat(f.nodes()).hasSize(7);
    assertThatThrownBy(() -> LogFormat.compile("%foo")).isNotInstanceOf(
        LogFormat.Unimplemented.class).hasMessageContaining("no such format variable 'foo'");
    assertThatThrownBy(() -> LogFormat.compile("%U")).isInstanceOf(
        LogFormat.Unimplemented.class);
    assertThatThrownBy(() -> LogFormat.compile("%[src]")).isInstanceOf(
        LogFormat.Unimplemented.class);
    assertThatThrownBy(() -> LogFormat.compile("50% off")).hasMessageContaining(
        "Maybe you want to write a single '%'");
    assertThat(LogFormat.compile(LogFormat.TCPLOG).httpOnly()).isEmpty();
    assertThat(LogFormat.compile(LogFormat.HTTPLOG).httpOnly()).contains("TR", "r");
  }

  @Test
  void framesAsTheTargetFormatSays() {
    long at = 1_796_381_064_583_000L;
    LogTarget raw = LogTarget.parse(List.of("stdout", "format", "raw", "local0"));
    assertThat(raw.frame("msg", at, "haproxy", 8, "lb")).isEqualTo("msg");
    LogTarget rfc = LogTarget.parse(List.of("127.0.0.1:5514", "local0", "info"));
    assertThat(rfc.kind()).isEqualTo(LogTarget.Kind.UDP);
    assertThat(rfc.frame("msg", at, "haproxy", 8, "lb")).matches("<134>[A-Z][a-z]{2} [ \\d]\\d"
        + " \\d\\d:\\d\\d:\\d\\d haproxy\\[8\\]: msg");
    assertThat(LogTarget.parse(List.of("/dev/log", "len", "100", "local7")).frame("x".repeat(200),
        at, "haproxy", 8, "lb")).hasSize(99);
    assertThat(LogTarget.parse(List.of("127.0.0.1", "local0", "notice")).takes(LogTarget.INFO))
        .as("notice takes no traffic line").isFalse();
    assertThatThrownBy(() -> LogTarget.parse(List.of("127.0.0.1", "local9")))
        .hasMessageContaining("unknown log facility");
    assertThatThrownBy(() -> LogTarget.parse(List.of("ring@buf", "local0")))
        .isInstanceOf(LogFormat.Unimplemented.class);
  }
}
