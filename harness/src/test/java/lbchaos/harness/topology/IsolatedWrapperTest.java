package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node image's {@code isolated} wrapper, run here with a stand-in {@code ip} that shows no
 * default route (the egress filter is in place): a plain node's command starts at once, a held
 * one (an LB, {@code --hold}) only once the harness's go file exists.
 */
class IsolatedWrapperTest {

  @TempDir Path dir;
  final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
  }

  Path marker() {
    return dir.resolve("started");
  }

  Process wrapper(String... args) throws Exception {
    return running("touch " + marker(), args);
  }

  Process running(String command, String... args) throws Exception {
    Path script = dir.resolve("isolated");
    try (InputStream in = getClass().getResourceAsStream("/lbchaos/node/isolated")) {
      assertThat(in).as("the wrapper on the class path").isNotNull();
      Files.copy(in, script);
    }
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path ip = bin.resolve("ip");
    Files.writeString(ip, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(ip, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> cmd = new ArrayList<>(List.of("sh", script.toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("sh", "-c", command));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("LBCHAOS_GO", dir.resolve("go").toString());
    Process p = pb.start();
    started.add(p);
    return p;
  }

  @Test
  void aPlainNodeStartsOnceTheDefaultRouteIsGone() throws Exception {
    wrapper();
    await("the command started").atMost(Duration.ofSeconds(5))
        .until(() -> Files.exists(marker()));
  }

  @Test
  void aHeldNodeWaitsForTheGoFile() throws Exception {
    Process p = wrapper("--hold");
    // Held: 50 polls of the wrapper's 20 ms loop go by without a start.
    await("the held command not started").during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2)).until(() -> !Files.exists(marker()) && p.isAlive());
    Files.writeString(dir.resolve("go"), "");
    await("the command started after the go").atMost(Duration.ofSeconds(5))
        .until(() -> Files.exists(marker()));
  }

  /** The bounding set the command ran with, from its /proc status. */
  long boundingSetOfCommand(String... args) throws Exception {
    Process p = running("grep CapBnd /proc/self/status > " + marker() + ".tmp && mv "
        + marker() + ".tmp " + marker(), args);
    await("the command started").atMost(Duration.ofSeconds(5))
        .until(() -> Files.exists(marker()) || !p.isAlive());
    assertThat(Files.exists(marker())).as("the command ran: %s",
        new String(p.getInputStream().readAllBytes())).isTrue();
    return Long.parseLong(Files.readString(marker()).strip().split("\\s+")[1], 16);
  }

  static final long NET_ADMIN = 1L << 12;
  static final long SETPCAP = 1L << 8;

  @Test
  void droppedCapabilitiesAreGoneFromTheCommandsBoundingSet() throws Exception {
    assumeTrue(Files.readString(Path.of("/proc/self/status")).lines()
        .filter(l -> l.startsWith("CapEff:")).anyMatch(l -> (Long.parseLong(
            l.split("\\s+")[1], 16) & (NET_ADMIN | SETPCAP)) == (NET_ADMIN | SETPCAP)),
        "needs NET_ADMIN and SETPCAP to drop (root)");
    assertThat(boundingSetOfCommand("--drop", "net_admin,setpcap") & (NET_ADMIN | SETPCAP))
        .as("NET_ADMIN and SETPCAP after --drop").isZero();
  }

  @Test
  void withoutDropTheCommandKeepsWhatTheContainerHolds() throws Exception {
    assumeTrue(Files.readString(Path.of("/proc/self/status")).contains("CapBnd:"));
    long own = Long.parseLong(Files.readString(Path.of("/proc/self/status")).lines()
        .filter(l -> l.startsWith("CapBnd:")).findFirst().orElseThrow().split("\\s+")[1], 16);
    assertThat(boundingSetOfCommand()).as("the bounding set without --drop").isEqualTo(own);
  }

  @Test
  void aHeldNodeWithDropWaitsThenDrops() throws Exception {
    Process p = wrapper("--drop", "net_admin", "--hold");
    await("the held command not started").during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2)).until(() -> !Files.exists(marker()) && p.isAlive());
    Files.writeString(dir.resolve("go"), "");
    await("the command started after the go").atMost(Duration.ofSeconds(5))
        .until(() -> Files.exists(marker()));
  }
}
