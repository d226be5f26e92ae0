package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    cmd.addAll(List.of("sh", "-c", "touch " + marker()));
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
}
