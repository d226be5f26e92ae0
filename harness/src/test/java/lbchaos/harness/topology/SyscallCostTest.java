package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SyscallCostTest {

  @Test
  void theTimeOverTwoCallsPerCopiedByte() {
    String dd = "400000+0 records in\n400000+0 records out\n"
        + "400000 bytes (400 kB, 391 KiB) copied, 0.94782 s, 422 kB/s\n";
    assertThat(SyscallCost.perCallMicros(dd, 400_000)).isCloseTo(1.184775, within(1e-9));
    assertThat(SyscallCost.perCallMicros("1 bytes copied, 2e-06 s, 500 kB/s", 1))
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void aSummaryWithoutATimeIsAnError() {
    assertThatThrownBy(() -> SyscallCost.perCallMicros("dd: invalid number: 'x'\n", 400_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no time in dd's summary: dd: invalid number");
  }

  @Test
  void theCommandRunsAndItsSummaryParses() throws Exception {
    // The helper's command as it is, run here: dd and env are in every image of ours and on
    // the machines that build them.
    Process p = new ProcessBuilder(SyscallCost.command()).start();
    String err = new String(p.getErrorStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    assertThat(err).contains(SyscallCost.COPIES + " bytes");
    assertThat(SyscallCost.perCallMicros(err, SyscallCost.COPIES)).isPositive().isLessThan(1e3);
  }
}
