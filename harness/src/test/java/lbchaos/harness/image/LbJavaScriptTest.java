package lbchaos.harness.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The java LB's supervisor (the node image's lb-java) starts the proxy agent only after the VRRP
 * agent's ready line, and still starts it when that line never comes. Runs the real script with
 * a stand-in for the agents' launcher that logs what it is asked to start.
 */
class LbJavaScriptTest {

  /** Whole script runs are bounded: the stand-ins finish in well under a second. */
  private static final long RUN_LIMIT_S = 20;

  @TempDir
  Path dir;

  /**
   * The stand-in: logs "NAME start"; as vrrp, runs $VRRP_MODE: "ready" writes the ready line to
   * --ready's path after a pause (logging "vrrp ready" first), "exit" exits at once, "silent"
   * stays without a word for a while.
   */
  private static final String STAND_IN = """
      #!/bin/bash
      log="$(dirname "$0")/log"
      echo "$1 start $*" >> "$log"
      [ "$1" = vrrp ] || exit 0
      ready=
      while [ $# -gt 0 ]; do [ "$1" = --ready ] && ready=$2; shift; done
      case "$VRRP_MODE" in
        ready) sleep 0.3; echo "vrrp ready" >> "$log"; echo ready > "$ready"; sleep 0.2 ;;
        exit) exit 1 ;;
        silent) sleep 2 ;;
      esac
      """;

  private List<String> run(String mode, String waitTenths) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path launcher = bin.resolve("lbchaos-java");
    Files.writeString(launcher, STAND_IN);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    Path script = dir.resolve("lb-java");
    Files.writeString(script, Images.resource("lb-java"));
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
    pb.environment().putAll(java.util.Map.of("LBCHAOS_BIN", bin.toString(), "VRRP_MODE", mode,
        "LBCHAOS_READY_WAIT_TENTHS", waitTenths, "TMPDIR", dir.toString()));
    Process p = pb.start();
    assertThat(p.waitFor(RUN_LIMIT_S, TimeUnit.SECONDS))
        .as("lb-java ends once both stand-ins have ended").isTrue();
    return Files.readAllLines(bin.resolve("log")).stream().map(l -> l.split(" ")[0] + " "
        + l.split(" ")[1]).toList();
  }

  @Test
  void theProxyStartsOnlyAfterTheVrrpAgentIsReady() throws Exception {
    assertThat(run("ready", "50")).as("start order")
        .containsExactly("vrrp start", "vrrp ready", "proxy start");
    assertThat(Files.readAllLines(dir.resolve("bin/log")).getFirst())
        .as("the VRRP agent is told where to write its ready line")
        .contains("--ready " + dir.resolve("lbchaos-vrrp-ready."));
    try (var left = Files.list(dir)) {
      assertThat(left.map(f -> f.getFileName().toString()))
          .as("the FIFO is removed").noneMatch(f -> f.startsWith("lbchaos-vrrp-ready."));
    }
  }

  @Test
  void theProxyStartsWhenTheVrrpAgentDiesBeforeItIsReady() throws Exception {
    long t0 = System.nanoTime();
    assertThat(run("exit", "50")).as("start order").containsExactly("vrrp start", "proxy start");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0))
        .as("no full ready wait (5 s) for an agent that is gone").isLessThan(4);
  }

  @Test
  void theProxyStartsAfterTheWaitWhenNoReadyLineComes() throws Exception {
    assertThat(run("silent", "3")).as("start order").containsExactly("vrrp start", "proxy start");
    assertThat(Files.readString(dir.resolve("out")))
        .as("the supervisor says why it stopped waiting")
        .contains("no ready line from the VRRP agent");
  }
}
