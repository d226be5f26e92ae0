package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import lbchaos.event.ConfigReload;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.vrrp.config.KeepalivedConfig;
import lbchaos.vrrp.config.KeepalivedParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that cannot be applied changes nothing and says why, file:line for each error, as
 * keepalived with reload_check_config does. (Applying one needs the instances' sockets; the
 * parts are tested in ReloadDiffTest, ReloadTest and InstanceRunnerTest.)
 */
class ReloaderTest {

  static final String GOOD = "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
      + " virtual_ipaddress {\n  10.0.0.211/24\n }\n}\n";

  @TempDir
  Path dir;

  final List<Event> events = new CopyOnWriteArrayList<>();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Reloader reloader(Path conf) throws Exception {
    Files.writeString(conf, GOOD);
    KeepalivedConfig running = KeepalivedParser.parse(conf);
    // No instance threads: a refused reload must not touch them, so none are needed here.
    return new Reloader(conf, "lb1", events::add, new PrintStream(err, true,
        StandardCharsets.UTF_8), VrrpAgent.ScriptRoutes.DIRECT, false, Links.ALL_UP, running, List.of());
  }

  List<String> logLines() {
    return events.stream().filter(LogLine.class::isInstance).map(e -> ((LogLine) e).line())
        .toList();
  }

  ConfigReload outcome() {
    return events.stream().filter(ConfigReload.class::isInstance).map(ConfigReload.class::cast)
        .reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aBrokenIncludeIsRefusedWithEveryErrorAtItsFileAndLine() throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Reloader r = reloader(conf);
    Path inc = Files.writeString(dir.resolve("vi2.conf"),
        "vrrp_instance VI_2 {\n priority 300\n advert_int soon\n}\n");
    Files.writeString(conf, GOOD + "include vi2.conf\n");
    r.reload("SIGHUP");
    assertThat(logLines()).as("each error of the included file, where it is").contains(
        inc + ":2: priority must be 1..255, was 300",
        inc + ":3: advert_int must be a number of seconds, was 'soon'");
    assertThat(outcome().applied()).as("refused").isFalse();
    assertThat(outcome().detail()).contains("keeping the running one");
    assertThat(err.toString(StandardCharsets.UTF_8)).as("on stderr too")
        .contains("vrrp: " + inc + ":2:");
  }

  @Test
  void aLineTheJavaAgentRefusesIsRefusedOnReloadToo() throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Reloader r = reloader(conf);
    Files.writeString(conf, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
        + " track_file {\n  f1\n }\n virtual_ipaddress {\n  10.0.0.211/24\n }\n}\n");
    r.reload("SIGHUP");
    assertThat(logLines()).as("the refusal, file:line").anySatisfy(l -> assertThat(l)
        .startsWith(conf + ":4: the java agent does not implement track_file"));
    assertThat(outcome().applied()).as("refused").isFalse();
  }

  @Test
  void aNotifyFifoIsRefusedOnReload() throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Reloader r = reloader(conf);
    Files.writeString(conf, "global_defs {\n notify_fifo /tmp/n.fifo\n}\n" + GOOD);
    r.reload("SIGHUP");
    assertThat(logLines()).as("why").anySatisfy(l -> assertThat(l)
        .contains("a notify FIFO, which keepalived closes and opens again at a reload"));
    assertThat(outcome().applied()).as("refused").isFalse();
  }

  @Test
  void aConfigWithoutInstancesIsRefused() throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Reloader r = reloader(conf);
    Files.writeString(conf, "global_defs {\n router_id A\n}\n");
    r.reload("SIGHUP");
    assertThat(logLines()).as("why").contains(conf + ": no vrrp_instance");
    assertThat(outcome().applied()).as("refused, the node stays in").isFalse();
  }

  @Test
  void aMissingFileIsRefused() throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Reloader r = reloader(conf);
    Files.delete(conf);
    r.reload("SIGHUP");
    assertThat(logLines()).as("why").contains(conf + ":0: no such file");
    assertThat(outcome().applied()).isFalse();
  }

  @Test
  void scriptsAddedAfterADropWithoutTheHelperAreRefused() throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Files.writeString(conf, GOOD);
    Reloader r = new Reloader(conf, "lb1", events::add, new PrintStream(err, true,
        StandardCharsets.UTF_8), VrrpAgent.ScriptRoutes.DIRECT, true, Links.ALL_UP,
        KeepalivedParser.parse(conf), List.of());
    Files.writeString(conf, "vrrp_script chk {\n script /bin/true\n}\n"
        + GOOD.replace("}\n}\n", "}\n track_script {\n  chk\n }\n}\n"));
    r.reload("SIGHUP");
    assertThat(outcome().applied()).as("refused").isFalse();
    assertThat(logLines()).anySatisfy(l -> assertThat(l).contains("restart it to run them"));
  }

  @Test
  void aSighupWhileTheInstancesStartIsHeldAndAppliedOnceTheyRun() throws Exception {
    Path conf = dir.resolve("keepalived.conf");
    Reloader r = reloader(conf);
    Files.writeString(conf, "global_defs {\n router_id A\n}\n");
    Sighup hup = new Sighup();
    hup.fired();
    assertThat(events).as("nothing while starting (the JVM would have stopped)").isEmpty();
    hup.started(r);
    assertThat(logLines()).as("applied then").contains("Reloading (SIGHUP during start-up)");
    assertThat(outcome().applied()).as("this file is refused").isFalse();
  }
}
