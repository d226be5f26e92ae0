package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.expect.LintReport;
import lbchaos.harness.topology.AddressPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the commands that need no containers. */
class CliTest {

  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    PrintStream o = System.out;
    try {
      System.setOut(new PrintStream(out, true));
      return Cli.execute(new PrintStream(out, true), new PrintStream(err, true), args);
    } finally {
      System.setOut(o);
    }
  }

  @Test
  void lintReportsTheArticles255WeightAsAnErrorAndExits1() throws Exception {
    AddressPlan plan = new AddressPlan("10.1.2", 2, 2);
    Path k = Files.writeString(dir.resolve("keepalived.conf"),
        ReferenceConfigs.keepalived(plan, 51, 0, LbSettings.ARTICLE));
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), ReferenceConfigs.haproxy(plan, LbSettings.ARTICLE));
    assertThat(run("lint", k.toString(), h.toString())).as("an error found, stderr: %s", err)
        .isEqualTo(Cli.CHECK_FAILED);
    assertThat(out.toString()).as("lint output").contains("keepalived.conf:").contains("255")
        .contains("haproxy.cfg: haproxy").contains("1 error(s)");
  }

  @Test
  void lintOfSoundConfigsExits0() throws Exception {
    AddressPlan plan = new AddressPlan("10.1.2", 2, 2);
    Path k = Files.writeString(dir.resolve("keepalived.conf"),
        ReferenceConfigs.keepalived(plan, 51, 0, LbSettings.ARTICLE).replace("priority 255",
            "priority 250"));
    assertThat(run("lint", k.toString())).as("no error; out: %s", out).isZero();
    assertThat(out.toString()).contains("0 error(s)");
  }

  @Test
  void lintPrintsLintFindingsOverAllFilesAndExits1OnErrors() throws Exception {
    AddressPlan plan = new AddressPlan("10.1.2", 2, 2);
    Path k1 = Files.writeString(dir.resolve("lb1.conf"),
        ReferenceConfigs.keepalived(plan, 51, 0, LbSettings.ARTICLE));
    // Same VRID as lb1's, another VIP: two virtual routers fighting over one VRID.
    Path k2 = Files.writeString(dir.resolve("lb2.conf"),
        ReferenceConfigs.keepalived(plan, 51, 1, LbSettings.ARTICLE)
            .replace(plan.vip(), "10.1.2.212"));
    Path h = Files.writeString(dir.resolve("haproxy.cfg"),
        "frontend web\n  bind :80\n  default_backend app\nbackend app\n"
            + "  server a 10.1.2.112:80 check\n");
    assertThat(run("lint", "--subnet", "eth0=10.9.9.0/24", k1.toString(), k2.toString(),
        h.toString())).as("errors among the findings; stderr: %s", err)
        .isEqualTo(Cli.CHECK_FAILED);
    String o = out.toString();
    assertThat(o).as("priority 255 with a weighted track_script")
        .containsPattern("lb1.conf:\\d+: error: vrrp_instance VI_1 has priority 255");
    assertThat(o).as("duplicate VRID across files").contains("uses VRID 51");
    assertThat(o).as("VIP outside the given subnet").contains("is outside eth0's subnet 10.9.9.0/24");
    assertThat(o).as("missing haproxy timeouts")
        .contains("haproxy.cfg:1: warning: proxy web -> app has no timeout connect, client, server");
    assertThat(o).as("a count at the end").containsPattern("lint: \\d+ finding\\(s\\), \\d+ error\\(s\\) over 3 file");
  }

  @Test
  void lintOfAMalformedConfigSaysFileAndLineAndExits2() throws Exception {
    Path k = Files.writeString(dir.resolve("bad.conf"),
        "vrrp_instance VI_1 {\n  state MASTER\n  priority 300\n}\n");
    assertThat(run("lint", k.toString())).as("exit code").isEqualTo(2);
    assertThat(err.toString()).as("file:line on stderr").contains("bad.conf:3");
  }

  @Test
  void lintListsEveryErrorOfEveryMalformedFile() throws Exception {
    Path a = Files.writeString(dir.resolve("a.conf"),
        "vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  priority 300\n"
            + "  advert_int soon\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n");
    Path b = Files.writeString(dir.resolve("b.conf"),
        "vrrp_instance VI_2 {\n  interface eth0\n  virtual_router_id banana\n"
            + "  virtual_ipaddress {\n    10.0.0.2\n  }\n");
    assertThat(run("lint", a.toString(), b.toString())).as("exit code").isEqualTo(2);
    assertThat(err.toString().lines().toList()).as("each error, file:line").containsSubsequence(
        a + ":4: priority must be 1..255, was 300",
        a + ":5: advert_int must be a number of seconds, was 'soon'",
        b + ":1: block opened here is never closed",
        b + ":3: virtual_router_id must be an integer, was 'banana'");
  }

  @Test
  void lintListsWhatTheJavaStackRefusesUnderItsOwnHeading() throws Exception {
    AddressPlan plan = new AddressPlan("10.1.2", 2, 2);
    String conf = ReferenceConfigs.keepalived(plan, 51, 0, LbSettings.ARTICLE)
        .replace("priority 255", "priority 250");
    Path k = Files.writeString(dir.resolve("keepalived.conf"), "static_ipaddress { }\n"
        + conf.replace("  interface eth0\n", "  interface eth0\n  skip_check_adv_addr\n"
            + "  down_timer_adverts 5\n"));
    assertThat(refusedByLint(k, 2)).as("the refused lines, under the heading")
        .satisfiesExactly(
            l -> assertThat(l).startsWith("  " + k + ":1: the java agent does not implement"
                + " static_ipaddress"),
            l -> assertThat(l).contains(k + ":").contains("does not implement down_timer_adverts"
                + " 5").endsWith("run --stack reference"));
    assertThat(out.toString()).as("skip_check_adv_addr is a warning: the agent never checks"
        + " an advert's addresses").containsPattern(
            "keepalived.conf:\\d+: warning: skip_check_adv_addr ignored");
    Path plain = Files.writeString(dir.resolve("plain.conf"), conf);
    out.reset();
    assertThat(run("lint", plain.toString())).isZero();
    assertThat(out.toString()).as("nothing refused, no heading")
        .doesNotContain(LintReport.JAVA_STACK_HEADING);
  }

  /** Lints {@code file} (exit 0: refusals are no lint error); the n lines under the heading. */
  private List<String> refusedByLint(Path file, int n) {
    assertThat(run("lint", file.toString())).as("refusals are not lint errors; out: %s", out)
        .isZero();
    List<String> lines = out.toString().lines().toList();
    int heading = lines.indexOf(LintReport.JAVA_STACK_HEADING);
    assertThat(heading).as("the heading; out: %s", out).isNotNegative();
    return lines.subList(heading + 1, heading + 1 + n);
  }

  @Test
  void lintListsTheHaproxyLinesTheJavaStackRefuses() throws Exception {
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), ReferenceConfigs.haproxy(
        new AddressPlan("10.1.2", 2, 2), LbSettings.ARTICLE.withHaproxyExtra(
            "hash-type consistent\n  option abortonclose")));
    assertThat(refusedByLint(h, 2)).as("the refused lines, under the heading")
        .satisfiesExactly(
            l -> assertThat(l).startsWith("  " + h + ":").contains(
                "the java agent does not implement hash-type consistent ("),
            l -> assertThat(l).contains("does not implement option abortonclose (")
                .endsWith("run --stack reference"));
    assertThat(out.toString()).as("logging is implemented: no warning")
        .doesNotContain("'option tcplog' ignored");
  }

  @Test
  void anUnreadableFileExits2() {
    assertThat(run("lint", dir.resolve("missing.cfg").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.cfg").contains("cannot read");
  }

  @Test
  void badUsageExits2() {
    assertThat(run("demo", "--stack", "nginx")).as("unknown stack").isEqualTo(2);
    assertThat(err.toString()).contains("unknown stack 'nginx'")
        .contains("expected reference, reference-13, java, mixed");
    assertThat(run("no-such-command")).as("unknown command").isEqualTo(2);
  }

  @Test
  void theCliQuietsLoggingForItsOwnProcessOnly() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("org.slf4j.simpleLogger.showThreadName", "true");
    Cli.quietLogging(p);
    assertThat(p.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).as("libraries at warn")
        .isEqualTo("warn");
    assertThat(p.getProperty("org.slf4j.simpleLogger.showThreadName")).as("a -D wins")
        .isEqualTo("true");
  }
}
