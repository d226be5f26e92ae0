package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The proxy's CPU time read from /proc/PID/stat lines, as the load trials read it. */
class ProcStatTest {

  @Test
  void readsUserAndSystemTicks() {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    String haproxy = "57 (haproxy) S 1 57 57 0 -1 4194560 1620 0 0 0 1234 5678 0 0 20 0 2 0 "
        + "1000 100000000 3000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";
    assertThat(CpuTicks.parse(haproxy)).isEqualTo(new CpuTicks(1234, 5678));
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    String odd = "61 (a (b) c) R 1 61 61 0 -1 4194304 10 0 0 0 7 3 0 0 20 0 1 0 5 1 1 1";
    assertThat(CpuTicks.parse(odd)).isEqualTo(new CpuTicks(7, 3));
  }

  @Test
  void aLoadsShareIsTheDifferenceOfTwoReadingsSummedOverProcesses() {
    CpuTicks before = new CpuTicks(100, 40).plus(new CpuTicks(5, 1));
    CpuTicks after = new CpuTicks(130, 90).plus(new CpuTicks(5, 2));
    assertThat(after.minus(before)).isEqualTo(new CpuTicks(30, 51));
    assertThat(after.minus(before).total()).isEqualTo(81);
  }
}
