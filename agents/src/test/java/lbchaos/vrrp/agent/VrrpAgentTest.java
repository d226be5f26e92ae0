package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, short of opening raw sockets (that needs a container). */
class VrrpAgentTest {

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return VrrpAgent.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void checkPrintsTheDerivedTimingsOfTheArticleConfig() throws Exception {
    Path conf = Path.of(getClass().getResource("/keepalived/article-lb1.conf").toURI());
    int code = run("--config", conf.toString(), "--name", "loadbalancer-1", "--check");
    assertThat(code).as("exit code").isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).as("timings")
        .contains("VI_1: vrid 51 version 2 priority 255 advert PT1S");
    assertThat(err.toString(StandardCharsets.UTF_8)).as("owner warning on stderr")
        .contains("warning:", "article-lb1.conf:15:");
  }

  @Test
  void aMalformedConfigExitsTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Files.writeString(conf, "vrrp_instance VI_1 {\n priority 300\n}\n");
    assertThat(run("--config", conf.toString(), "--name", "lb1")).as("exit code").isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("message")
        .contains(conf + ":2:", "priority must be 1..255");
  }

  @Test
  void everyErrorOfTheFileIsPrintedOnePerLine(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Files.writeString(conf, "vrrp_instance VI_1 {\n priority 300\n advert_int soon\n");
    assertThat(run("--config", conf.toString(), "--name", "lb1")).as("exit code").isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).as("each error")
        .contains("vrrp: " + conf + ":1: block opened here is never closed",
            "vrrp: " + conf + ":2: priority must be 1..255, was 300",
            "vrrp: " + conf + ":3: advert_int must be a number of seconds, was 'soon'");
  }

  @Test
  void aKeywordTheAgentDoesNotImplementIsRefused(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Files.writeString(conf, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
        + " track_file {\n  f1\n }\n virtual_ipaddress {\n  10.0.0.1/24\n }\n}\n");
    assertThat(run("--config", conf.toString(), "--name", "lb1", "--check")).as("exit code")
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("file:line and what to do")
        .contains("vrrp: " + conf + ":4: the java agent does not implement track_file")
        .contains("run --stack reference");
    assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing derived").isEmpty();
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("--bogus")).as("unknown flag").isEqualTo(2);
    assertThat(run("--config")).as("missing value").isEqualTo(2);
    assertThat(run("--config", "/nonexistent/keepalived.conf", "--name", "x"))
        .as("missing file").isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).as("usage shown").contains("usage: vrrp");
  }

  @Test
  void theAgentBecomesNobodyUnlessToldWhom() {
    assertThat(VrrpAgent.options(new String[] {"--name", "lb1"}).user()).as("default")
        .isEqualTo(VrrpAgent.DEFAULT_USER);
    assertThat(VrrpAgent.options(new String[] {"--name", "lb1", "--user", "lbchaos"}).user()
        .user()).as("--user").isEqualTo("lbchaos");
    assertThat(run("--user", "not a user", "--name", "x")).as("bad --user").isEqualTo(2);
    assertThat(VrrpAgent.KEPT).as("only what rtnetlink checks at every change")
        .containsExactly(lbchaos.privilege.Capability.NET_ADMIN);
  }
}
