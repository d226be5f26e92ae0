package lbchaos.harness.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.topology.Stack;
import lbchaos.harness.topology.WebserverImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From config files to what a run needs, without starting anything. */
class UserConfigsTest {

  static final Path ARTICLE = Path.of("src/test/resources/article");
  static final List<Path> KEEPALIVED = List.of(ARTICLE.resolve("keepalived-lb1.conf"),
      ARTICLE.resolve("keepalived-lb2.conf"));
  static final Path HAPROXY = ARTICLE.resolve("haproxy.cfg");

  @TempDir Path dir;

  @Test
  void theArticlesConfigsGiveItsTopologyAndBounds() {
    UserConfigs c = UserConfigs.load(KEEPALIVED, HAPROXY, List.of());
    assertThat(c.addresses().vip()).as("VIP").isEqualTo("192.168.122.211");
    assertThat(c.addresses().webservers()).as("a webserver per haproxy server")
        .containsExactly("192.168.122.112", "192.168.122.197");
    var spec = c.spec(Stack.JAVA);
    assertThat(spec.stack()).as("stack").isEqualTo(Stack.JAVA);
    assertThat(spec.lbCount()).as("an LB per keepalived.conf").isEqualTo(2);
    assertThat(spec.userKeepalived()).as("the files").isEqualTo(KEEPALIVED);
    assertThat(spec.webserverImage()).as("the harness's webservers").isNull();
    assertThat(c.bounds().server()).as("the first server's name").isEqualTo("backend-1");
    assertThat(c.summary(Stack.JAVA)).as("what a run prints first").hasSize(2)
        .first().asString().contains("sharing VIP 192.168.122.211").endsWith("java stack");
    assertThat(c.summary(Stack.JAVA).get(1)).as("the bound").contains("master down");
    assertThat(c.notes()).as("the interface mapped").anyMatch(n -> n.contains("mapped"));
  }

  @Test
  void theArticlesThreeByDefaultAndASemanticsScenarioRefused() {
    UserConfigs c = UserConfigs.load(KEEPALIVED, HAPROXY, List.of());
    assertThat(c.scenarios(List.of(), null)).extracting(ScenarioRegistry.Entry::name)
        .as("default").containsExactly("round-robin", "backend-down", "master-down");
    assertThatThrownBy(() -> c.scenarios(List.of("master-down", "nopreempt"), null))
        .as("own settings").isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nopreempt").hasMessageContaining("cannot judge your config files");
    assertThatThrownBy(() -> c.scenarios(List.of("no-such"), null)).as("unknown")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown scenario");
  }

  @Test
  void aWebserverImageNotNamingItselfRunsOnlyWhatNeedsNoNames() {
    UserConfigs c = UserConfigs.load(KEEPALIVED, HAPROXY, List.of());
    WebserverImage app = WebserverImage.of("my/app:1");
    assertThat(c.scenarios(List.of(), app)).extracting(ScenarioRegistry.Entry::name)
        .as("default on an anonymous image").containsExactly("master-down");
    assertThatThrownBy(() -> c.scenarios(List.of("round-robin"), app)).as("round-robin refused")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("round-robin tells the webservers apart")
        .hasMessageContaining("my/app:1").hasMessageContaining("it can run master-down");
    assertThat(c.scenarios(List.of(), new WebserverImage("my/app:1", true)))
        .extracting(ScenarioRegistry.Entry::name).as("an image naming itself runs all three")
        .containsExactly("round-robin", "backend-down", "master-down");
  }

  @Test
  void onlyTheLbsThatRunTheJavaAgentRefuseWhatItDoesNotImplement() throws Exception {
    // static_ipaddress at the end of lb1's config (refused), accept in lb2's (warned: the default).
    Path lb1 = Files.writeString(dir.resolve("lb1.conf"), Files.readString(KEEPALIVED.get(0))
        + "static_ipaddress {\n  10.9.9.9/24 dev eth0\n}\n");
    Path lb2 = Files.writeString(dir.resolve("lb2.conf"), Files.readString(KEEPALIVED.get(1))
        .replace("    priority 254\n", "    priority 254\n    accept\n"));
    int line = (int) Files.readString(KEEPALIVED.get(0)).lines().count() + 1;
    UserConfigs c = UserConfigs.load(List.of(lb1, lb2), HAPROXY, List.of(
        ARTICLE.resolve("check_apiserver.sh"), ARTICLE.resolve("status_capture.sh")));
    assertThat(c.refusals(Stack.JAVA)).as("java: lb1's static address").singleElement().asString()
        .startsWith(lb1 + ":" + line + ": the java agent does not implement static_ipaddress");
    assertThat(c.refusals(Stack.MIXED)).as("mixed: lb1 runs keepalived").isEmpty();
    assertThat(c.refusals(Stack.REFERENCE)).as("reference runs everything").isEmpty();
    assertThatThrownBy(() -> c.spec(Stack.JAVA)).as("no java topology").isInstanceOf(
        BadConfig.class).hasMessageContaining("static_ipaddress")
        .hasMessageContaining("run --stack reference");
    assertThat(c.spec(Stack.MIXED).stack()).as("mixed runs").isEqualTo(Stack.MIXED);
    assertThat(c.spec(Stack.REFERENCE).stack()).as("reference runs").isEqualTo(Stack.REFERENCE);
    assertThat(c.warnings()).as("accept is a warning")
        .anyMatch(w -> w.startsWith(lb2 + ":20: accept ignored"));
    assertThat(UserConfigs.load(KEEPALIVED, HAPROXY, List.of()).refusals(Stack.JAVA))
        .as("the article's configs").isEmpty();
  }

  @Test
  void theHaproxyCfgIsRefusedWhereverAnLbRunsTheJavaProxy() throws Exception {
    // Every LB runs the same haproxy.cfg: on mixed, lb2's java proxy would run it.
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), Files.readString(HAPROXY)
        .replace("  mode tcp\n  balance", "  mode tcp\n  option prefer-last-server\n  balance"));
    UserConfigs c = UserConfigs.load(KEEPALIVED, h, List.of());
    String refused = h + ":18: the java agent does not implement option prefer-last-server";
    assertThat(c.refusals(Stack.JAVA)).as("java: once, though both LBs run it").singleElement()
        .asString().startsWith(refused);
    assertThat(c.refusals(Stack.MIXED)).as("mixed: lb2's java proxy").singleElement().asString()
        .startsWith(refused);
    assertThat(c.refusals(Stack.REFERENCE)).as("haproxy runs it").isEmpty();
    assertThatThrownBy(() -> c.spec(Stack.MIXED)).isInstanceOf(BadConfig.class)
        .hasMessageStartingWith(refused);
    assertThat(c.spec(Stack.REFERENCE).stack()).isEqualTo(Stack.REFERENCE);
  }

  @Test
  void everyErrorOfAHaproxyCfgIsFileAndLine() throws Exception {
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), Files.readString(HAPROXY)
        .replace("  option tcplog\n", "  option tcplgo\n")
        .replace("backend-2 192.168.122.197:80 check", "backend-2 192.168.122.197:80 chekc"));
    assertThatThrownBy(() -> UserConfigs.load(KEEPALIVED, h, List.of()))
        .isInstanceOf(BadConfig.class).hasMessage(h + ":12: unknown option 'tcplgo'\n"
            + h + ":21: 'server backend-2': unknown keyword 'chekc'");
  }

  @Test
  void theErrorsOfEveryFileAreReportedTogether() throws Exception {
    Path lb1 = Files.writeString(dir.resolve("lb1.conf"), Files.readString(KEEPALIVED.get(0))
        .replace("virtual_router_id 51", "virtual_router_id 0"));
    Path lb2 = Files.writeString(dir.resolve("lb2.conf"), Files.readString(KEEPALIVED.get(1))
        .replace("priority 254", "priority 300").replace("interval 3", "interval -1"));
    assertThatThrownBy(() -> UserConfigs.load(List.of(lb1, lb2), HAPROXY, List.of()))
        .isInstanceOf(BadConfig.class)
        .satisfies(e -> assertThat(e.getMessage().lines().toList()).as("one per line")
            .hasSize(3)
            .anyMatch(l -> l.startsWith(lb1 + ":") && l.contains("virtual_router_id must be"))
            .anyMatch(l -> l.startsWith(lb2 + ":9: interval"))
            .anyMatch(l -> l.startsWith(lb2 + ":19: priority must be 1..255")));
  }

  @Test
  void badInputIsFileAndLineBeforeAnythingStarts() throws Exception {
    Path bad = Files.writeString(dir.resolve("lb2.conf"), Files.readString(KEEPALIVED.get(1))
        .replace("priority 254", "priority 300"));
    assertThatThrownBy(() -> UserConfigs.load(List.of(KEEPALIVED.getFirst(), bad), HAPROXY,
        List.of())).as("malformed").isInstanceOf(BadConfig.class)
        .hasMessageContaining("lb2.conf:19: priority");
    assertThatThrownBy(() -> UserConfigs.load(KEEPALIVED, HAPROXY,
        List.of(dir.resolve("nope.sh")))).as("missing script").isInstanceOf(BadConfig.class)
        .hasMessageContaining("nope.sh:0: script: no such file");
    assertThatThrownBy(() -> UserConfigs.load(KEEPALIVED, null, List.of()))
        .as("no haproxy.cfg").isInstanceOf(BadConfig.class).hasMessageContaining("haproxy.cfg");
  }

  @Test
  void pathsAreTheProjectsWhateverTheWorkingDirectory() {
    Path root = Path.of("/srv/team");
    assertThat(ProjectDir.resolve(root, "lb/haproxy.cfg")).as("relative")
        .isEqualTo(Path.of("/srv/team/lb/haproxy.cfg"));
    assertThat(ProjectDir.resolve(root, "/etc/haproxy/haproxy.cfg")).as("absolute")
        .isEqualTo(Path.of("/etc/haproxy/haproxy.cfg"));
    assertThat(ProjectDir.root()).as("Surefire's basedir, this module")
        .isEqualTo(Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath());
  }
}
