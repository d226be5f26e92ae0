package lbchaos.harness.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import lbchaos.event.LogLine;
import lbchaos.event.NotifyRun;
import org.junit.jupiter.api.Test;

class NotifyLineAdapterTest {

  final LogAdapter a = LogAdapters.notifyLine("VI_1");

  @Test
  void readsTheNotifyScriptsLineAndTheFifoScriptsLine() {
    assertThat(a.parse(5, "lb1", "lbchaos-notify MASTER")).containsExactly(
        new NotifyRun(5, "lb1", "VI_1", "MASTER", LogAdapters.NOTIFY_FROM_SCRIPT));
    assertThat(LogAdapters.isNotifyLine("lbchaos-fifo INSTANCE \"VI 2\" BACKUP 253")).isTrue();
    assertThat(a.parse(6, "lb2", "lbchaos-fifo INSTANCE \"VI 2\" BACKUP 253\n"))
        .as("the instance the line names").containsExactly(
            new NotifyRun(6, "lb2", "VI 2", "BACKUP", LogAdapters.NOTIFY_FROM_FIFO));
    assertThat(a.parse(7, "lb2", "lbchaos-fifo INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 254"))
        .singleElement().extracting(e -> ((NotifyRun) e).state()).isEqualTo("MASTER_RX_LOWER_PRI");
  }

  @Test
  void theSyncGroupsNotifyScriptNamesTheGroup() {
    assertThat(a.parse(9, "lb1", "lbchaos-notify GROUP VG FAULT")).as("not VI_1's")
        .containsExactly(new NotifyRun(9, "lb1", "VG", "FAULT", LogAdapters.NOTIFY_FROM_SCRIPT));
  }

  @Test
  void aMangledLineIsKeptAsALine() {
    assertThat(a.parse(8, "lb2", "lbchaos-fifo INSTANCE VI_1 MASTER")).singleElement()
        .isInstanceOf(LogLine.class);
  }
}
