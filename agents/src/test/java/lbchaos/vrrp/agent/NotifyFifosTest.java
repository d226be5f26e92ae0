package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lbchaos.event.Event;
import lbchaos.event.NotifyRun;
import lbchaos.vrrp.config.NotifyFifo;
import lbchaos.vrrp.config.NotifyScripts;
import lbchaos.vrrp.state.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyFifosTest {

  @Test
  void linesAreKeepalivedsFormat() {
    assertThat(FifoLines.instance("VI_1", "MASTER", 100)).isEqualTo("INSTANCE \"VI_1\" MASTER 100\n");
    assertThat(FifoLines.instance("VI 2", FifoLines.MASTER_RX_LOWER_PRI, 254))
        .as("the name quoted as it is, an event in the state's place")
        .isEqualTo("INSTANCE \"VI 2\" MASTER_RX_LOWER_PRI 254\n");
  }

  @Test
  void notifierWritesTheFifoLineAfterTheScriptsInTheOrderOfTheChanges() {
    List<String> order = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    NotifyScripts scripts = new NotifyScripts(Optional.of("/s MASTER"), Optional.of("/s BACKUP"),
        Optional.empty(), Optional.empty());
    Notifier n = new Notifier("lb1", "VI_1", scripts, events::add, () -> 1L,
        argv -> order.add("script " + argv.getLast()), line -> order.add("fifo " + line.strip()));
    n.changed(State.BACKUP, 253);
    n.changed(State.MASTER, 253);
    n.heardLowerPriority(253);
    n.changed(State.INITIALIZE, 253);
    assertThat(order).containsExactly("script BACKUP", "fifo INSTANCE \"VI_1\" BACKUP 253",
        "script MASTER", "fifo INSTANCE \"VI_1\" MASTER 253",
        "fifo INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 253",
        "fifo INSTANCE \"VI_1\" STOP 253");
    assertThat(events).as("a NotifyRun per script started").extracting(e -> ((NotifyRun) e)
        .state()).containsExactly("BACKUP", "MASTER");
  }

  @Test
  void createsTheFifoStartsItsScriptWithThePathAndRemovesItAtClose(@TempDir Path dir)
      throws Exception {
    Path path = dir.resolve("notify.fifo");
    List<List<String>> started = new ArrayList<>();
    List<String> log = new ArrayList<>();
    NotifyFifos fifos = NotifyFifos.open(List.of(new NotifyFifo("vrrp_notify_fifo", path,
        Optional.empty(), Optional.of("/usr/local/bin/read.sh -v"))), f -> Optional.empty(),
        started::add, log::add);
    assertThat(log).as("opened").isEmpty();
    assertThat(started).as("the script line with the FIFO appended").containsExactly(
        List.of("/usr/local/bin/read.sh", "-v", path.toString()));
    assertThat(Files.isRegularFile(path)).as("a FIFO, not a file").isFalse();
    assertThat(Files.exists(path)).as("created").isTrue();
    // Written before anyone reads: opened read-write, the pipe keeps the lines.
    fifos.accept(FifoLines.instance("VI_1", "BACKUP", 253));
    fifos.accept(FifoLines.instance("VI_1", "MASTER", 253));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        Files.newInputStream(path), StandardCharsets.UTF_8))) {
      assertThat(in.readLine()).isEqualTo("INSTANCE \"VI_1\" BACKUP 253");
      assertThat(in.readLine()).isEqualTo("INSTANCE \"VI_1\" MASTER 253");
      fifos.close();
      assertThat(in.readLine()).as("end of file once closed").isNull();
    }
    assertThat(Files.exists(path)).as("removed: the agent created it").isFalse();
  }

  @Test
  void aFullPipeDropsTheLineInsteadOfBlocking(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("full.fifo");
    try (NotifyFifos fifos = NotifyFifos.open(List.of(new NotifyFifo("notify_fifo", path,
        Optional.empty(), Optional.empty())), f -> Optional.empty(), argv -> { }, l -> { })) {
      String line = FifoLines.instance("VI_1", "MASTER", 253);
      long start = System.nanoTime();
      for (int i = 0; i < 10_000; i++) { // ~270 kB, well over a 64 kB pipe
        fifos.accept(line);
      }
      assertThat((System.nanoTime() - start) / 1e9).as("returned, nobody reading").isLessThan(10);
    }
  }

  @Test
  void anExistingFifoIsKeptAtClose(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("kept.fifo");
    assertThat(lbchaos.posix.Fifo.create(path)).as("made here").isTrue();
    assertThat(lbchaos.posix.Fifo.create(path)).as("EEXIST").isFalse();
    NotifyFifos.open(List.of(new NotifyFifo("vrrp_notify_fifo", path, Optional.empty(),
        Optional.empty())), f -> Optional.empty(), argv -> { }, l -> { }).close();
    assertThat(Files.exists(path)).as("not ours to remove").isTrue();
  }

  @Test
  void aLoneNotifyFifoMadeHereStaysAtExitAsInKeepalived(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("global.fifo");
    NotifyFifos.open(List.of(new NotifyFifo("notify_fifo", path, Optional.empty(),
        Optional.empty())), f -> Optional.empty(), argv -> { }, l -> { }).close();
    assertThat(Files.exists(path)).as("vrrp_terminate_phase2 closes only with a vrrp_ FIFO")
        .isTrue();
  }
}
