package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadySignalTest {

  @TempDir
  Path dir;

  private final List<String> failures = new ArrayList<>();

  @Test
  void theLineIsWrittenOnlyOnceEveryInstanceHasStarted() throws Exception {
    Path f = Files.createFile(dir.resolve("ready"));
    try (ReadySignal s = ReadySignal.open(Optional.of(f), 2, failures::add)) {
      s.instanceStarted();
      assertThat(Files.readString(f)).as("one of two instances started").isEmpty();
      s.instanceStarted();
      assertThat(Files.readString(f)).as("both started").isEqualTo("ready\n");
      s.instanceStarted();
      assertThat(Files.readString(f)).as("written once").isEqualTo("ready\n");
    }
    assertThat(failures).as("failures reported").isEmpty();
  }

  @Test
  void aPathThatCannotBeOpenedIsReportedAndNotCreated() {
    Path missing = dir.resolve("no-such-dir/ready");
    try (ReadySignal s = ReadySignal.open(Optional.of(missing), 1, failures::add)) {
      s.instanceStarted();
    }
    assertThat(failures).as("reported").singleElement().asString()
        .contains("cannot open the ready signal").contains(missing.toString());
    assertThat(Files.exists(dir.resolve("ready"))).as("nothing created").isFalse();
  }

  @Test
  void withoutAPathNothingHappens() {
    try (ReadySignal s = ReadySignal.open(Optional.empty(), 1, failures::add)) {
      s.instanceStarted();
    }
    assertThat(failures).as("failures reported").isEmpty();
  }

  @Test
  void atLeastOneInstance() {
    assertThatThrownBy(() -> ReadySignal.open(Optional.empty(), 0, failures::add))
        .as("no instance, nothing would ever signal")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOptionIsParsed() {
    assertThat(VrrpAgent.options(new String[] {"--name", "lb1", "--ready", "/run/r"}).ready())
        .as("--ready").contains(Path.of("/run/r"));
    assertThat(VrrpAgent.options(new String[] {"--name", "lb1"}).ready())
        .as("default").isEmpty();
  }
}
