package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import lbchaos.config.ConfigException;
import lbchaos.config.JavaRefusal;
import lbchaos.proxy.log.LogFormat;
import lbchaos.proxy.log.LogTarget;
import org.junit.jupiter.api.Test;

/** The access log keywords as haproxy 2.6 reads them (cfgparse-listen.c, log.c). */
class AccessLogConfigTest {

  static HaproxyConfig parse(String text) throws ConfigException {
    return HaproxyConfigParser.parse(Path.of("haproxy.cfg"), text);
  }

  static String cfg(String global, String defaults, String front, String mode) {
    return "global\n" + global + "\ndefaults\n  mode " + mode + "\n  timeout connect 1s\n"
        + "  timeout client 1s\n  timeout server 1s\n" + defaults + "\nfrontend fe\n"
        + "  bind :80\n" + front + "\n  default_backend be\nbackend be\n"
        + "  server s 10.0.0.1:80\n";
  }

  @Test
  void defaultsAndLogGlobalGiveTheFrontendItsFormatAndTargets() throws Exception {
    var c = parse(cfg("  log /dev/log local0\n  log 10.0.0.9:5514 len 200 local1 notice",
        "  log global\n  option httplog", "", "http"));
    var a = c.frontend("fe").orElseThrow().accessLog().orElseThrow();
    assertThat(a.format().text()).isEqualTo(LogFormat.HTTPLOG);
    assertThat(a.targets()).extracting(LogTarget::kind)
        .containsExactly(LogTarget.Kind.UNIX, LogTarget.Kind.UDP);
    assertThat(a.targets().get(1).maxLen()).isEqualTo(200);
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void noTargetOrNoFormatLogsNothing() throws Exception {
    assertThat(parse(cfg("  log stdout local0", "  option tcplog", "", "tcp")).frontend("fe")
        .orElseThrow().accessLog()).as("no log line in the proxy").isEmpty();
    assertThat(parse(cfg("  log stdout local0", "  log global", "", "tcp")).frontend("fe")
        .orElseThrow().accessLog()).as("no format").isEmpty();
    assertThat(parse(cfg("  log stdout local0", "  log global\n  option tcplog", "  no log",
        "tcp")).frontend("fe").orElseThrow().accessLog()).as("no log").isEmpty();
  }

  @Test
  void httplogInModeTcpFallsBackToTcplogWithHaproxysWarning() throws Exception {
    var c = parse(cfg("  log stdout local0", "  log global", "  option httplog", "tcp"));
    assertThat(c.frontend("fe").orElseThrow().accessLog().orElseThrow().format().text())
        .isEqualTo(LogFormat.TCPLOG);
    assertThat(c.warnings()).singleElement().satisfies(w -> assertThat(w.message())
        .contains("Falling back to 'option tcplog'"));
  }

  @Test
  void aCustomFormatIsCheckedAsHaproxyChecksIt() throws Exception {
    var c = parse(cfg("  log stdout format raw local0", "  log global",
        "  log-format \"%ci %b/%s %Tw/%Tc/%Tt %ts\"", "tcp"));
    assertThat(c.frontend("fe").orElseThrow().accessLog()).isPresent();
    assertThatThrownBy(() -> parse(cfg("  log stdout local0", "  log global",
        "  log-format \"%ci %r\"", "tcp"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("haproxy.cfg:11").hasMessageContaining("reserved for HTTP mode");
    assertThatThrownBy(() -> parse(cfg("  log stdout local0", "  log global",
        "  log-format \"%nope\"", "tcp"))).hasMessageContaining("no such format variable");
    assertThatThrownBy(() -> parse(cfg("  log stdout local0", "  log global",
        "  log-format %ci %s", "tcp"))).hasMessageContaining("expects only one argument");
    assertThatThrownBy(() -> parse(cfg("  log global", "", "", "tcp")))
        .hasMessageContaining("haproxy.cfg:2");
  }

  @Test
  void whatTheAgentCannotLogIsRefusedAtItsLine() throws Exception {
    var c = parse(cfg("  log ring@buf local0", "  log global\n  option tcplog",
        "  log-format \"%ci %U\"", "tcp"));
    assertThat(c.javaRefusals()).extracting(JavaRefusal::line).containsExactly(2, 12);
    assertThat(parse(cfg("  log stdout local0", "  log global\n  option logasap", "", "tcp"))
        .javaRefusals()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(9));
  }
}
