package lbchaos.harness.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The node image's agent launcher (lbchaos-java) with an AOT cache present: the JVM must accept
 * its options together. With -Xshare:auto next to -XX:AOTCache it refused to start at all
 * ("Option AOTCache cannot be used at the same time with -Xshare:..."), which took down every
 * java agent. Runs the script with this JDK 25 in place of the image's runtime, {@code -version}
 * in place of the jar, and a cache file that is not one (the JVM then warns and runs on). Both
 * sets of compiler options: the proxy's (C2 alone, a trimmed code cache, its own cache) and
 * every other agent's. And the image build's recording run: with LBCHAOS_AOT_OUTPUT the
 * launcher records a cache there, with the same options and no method profiles, instead of
 * mapping one; the Dockerfile records both agents' caches that way.
 */
class LbchaosJavaScriptTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"vrrp", "proxy"})
  void theJvmAcceptsTheLaunchersOptionsWithAnAotCache(String agent) throws Exception {
    Path cache = Files.writeString(dir.resolve("agents.aot"), "not a cache");
    String script = Images.resource("lbchaos-java")
        .replace("/opt/java/bin/java", Path.of(System.getProperty("java.home"), "bin", "java")
            .toString())
        .replace("/opt/lbchaos/agents.aot", cache.toString())
        .replace("/opt/lbchaos/proxy.aot", cache.toString())
        .replace("-jar /opt/lbchaos/agents.jar \"$@\"", "-version");
    assertThat(script).as("the script was adapted").contains(cache.toString())
        .contains("-version");
    Path s = Files.writeString(dir.resolve("lbchaos-java"), script);
    Process p = new ProcessBuilder("sh", s.toString(), agent).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out").toFile()).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the JVM ends").isTrue();
    String out = Files.readString(dir.resolve("out"));
    assertThat(p.exitValue()).as("exit code of java -version with the options; output: %s", out)
        .isZero();
    assertThat(out).as("no option conflict").doesNotContain("cannot be used at the same time")
        .doesNotContain("Unrecognized").doesNotContain("Improperly specified");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vrrp", "proxy"})
  void theImageBuildRecordsTheCacheWithTheRunningOptions(String agent) throws Exception {
    Path cache = Files.writeString(dir.resolve("present.aot"), "not a cache");
    String script = Images.resource("lbchaos-java")
        .replace("/opt/java/bin/java", "echo")
        .replace("/opt/lbchaos/agents.aot", cache.toString())
        .replace("/opt/lbchaos/proxy.aot", cache.toString());
    Path s = Files.writeString(dir.resolve("lbchaos-java"), script);
    String mapped = run(s, agent, null);
    String recorded = run(s, agent, "/tmp/out.aot");
    assertThat(mapped).contains("-XX:AOTCache=" + cache).doesNotContain("AOTCacheOutput");
    assertThat(recorded).contains("-XX:AOTCacheOutput=/tmp/out.aot").doesNotContain("AOTCache=");
    // Every cache is recorded without method profiles (their replay brings compilations, and
    // their memory, forward): a recording option only.
    String noProfiles = " -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining";
    assertThat(recorded).as("profiles left out").contains(noProfiles);
    assertThat(recorded.replace("-XX:AOTCacheOutput=/tmp/out.aot", "").replace(noProfiles, ""))
        .as("the same options otherwise")
        .isEqualTo(mapped.replace("-XX:AOTCache=" + cache, ""));
  }

  @Test
  void theDockerfileRecordsEveryCacheThroughTheLauncher() {
    String dockerfile = Images.resource("Dockerfile");
    assertThat(dockerfile).as("one way to record a cache: lbchaos-java, with its running options")
        .contains("LBCHAOS_AOT_OUTPUT=/opt/lbchaos/agents.aot /opt/lbchaos/bin/lbchaos-java vrrp"
            + " --train")
        .contains("LBCHAOS_AOT_OUTPUT=/opt/lbchaos/proxy.aot /opt/lbchaos/bin/lbchaos-java proxy"
            + " --train")
        .doesNotContain("-XX:AOTCacheOutput");
  }

  private String run(Path script, String agent, String output) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), agent, "x")
        .redirectErrorStream(true).redirectOutput(dir.resolve("echo").toFile());
    pb.environment().remove("LBCHAOS_AOT_OUTPUT");
    if (output != null) {
      pb.environment().put("LBCHAOS_AOT_OUTPUT", output);
    }
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the script ends").isTrue();
    return Files.readString(dir.resolve("echo"));
  }
}
