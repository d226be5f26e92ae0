package lbchaos.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import lbchaos.config.ConfigException;
import org.junit.jupiter.api.Test;

/** notify_fifo, vrrp_notify_fifo and their scripts, as keepalived 2.2.7 global_parser.c reads them. */
class NotifyFifoParserTest {

  static final Path F = Path.of("test.conf");
  static final String INSTANCE = KeepalivedParserTest.instance("");

  static KeepalivedConfig parse(String globals) {
    return KeepalivedParser.parse(F, "global_defs {\n" + globals + "}\n" + INSTANCE);
  }

  @Test
  void readsBothFifosInKeepalivedsOpeningOrder() {
    KeepalivedConfig c = parse(" vrrp_notify_fifo /run/vrrp.fifo\n"
        + " vrrp_notify_fifo_script /usr/local/bin/read.sh\n"
        + " notify_fifo /run/all.fifo www-data adm\n");
    assertThat(c.javaRefusals()).as("implemented").isEmpty();
    assertThat(c.globalDefs().fifos()).as("global first, then vrrp_").containsExactly(
        new NotifyFifo("notify_fifo", Path.of("/run/all.fifo"), Optional.of("www-data adm"),
            Optional.empty()),
        new NotifyFifo("vrrp_notify_fifo", Path.of("/run/vrrp.fifo"), Optional.empty(),
            Optional.of("/usr/local/bin/read.sh")));
  }

  @Test
  void aScriptWithoutItsFifoIsIgnoredWithAWarning() {
    KeepalivedConfig c = parse(" notify_fifo_script /usr/local/bin/read.sh\n");
    assertThat(c.globalDefs().fifos()).as("nothing to open").isEmpty();
    assertThat(c.warnings()).as("said").anySatisfy(w -> assertThat(w.message())
        .contains("notify_fifo_script ignored"));
  }

  @Test
  void aScriptNamingItsOwnUserIsRefused() {
    KeepalivedConfig c = parse(" notify_fifo /run/all.fifo\n"
        + " notify_fifo_script /usr/local/bin/read.sh nobody\n");
    assertThat(c.javaRefusals()).as("runs as that user in keepalived").singleElement()
        .satisfies(r -> assertThat(r.toString()).contains("notify_fifo_script")
            .contains("script_user"));
  }

  @Test
  void aSecondFifoLineAndAMissingPathAreErrors() {
    assertThatThrownBy(() -> parse(" notify_fifo /a\n notify_fifo /b\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("already specified");
    assertThatThrownBy(() -> parse(" vrrp_notify_fifo\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("needs a FIFO path");
  }

  @Test
  void priorityChangeLinesAndReloadRewritesAreRefused() {
    assertThat(parse(" vrrp_notify_priority_changes\n").javaRefusals()).as("default true")
        .hasSize(1);
    assertThat(parse(" vrrp_notify_priority_changes false\n").javaRefusals()).as("off")
        .isEmpty();
    assertThat(parse(" fifo_write_vrrp_states_on_reload\n").javaRefusals()).hasSize(1);
  }
}
