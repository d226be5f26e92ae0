package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a proxy under load counts as settled: its JIT compiler quiet for some windows in a row. */
class SettlingTest {

  /** Compiler and process ticks of 5 s windows of a fresh java proxy (mode tcp, session 29). */
  private static final long[][] FRESH_JAVA = {{125, 401}, {39, 224}, {31, 216}, {11, 213},
      {45, 226}, {7, 209}, {2, 212}, {32, 217}, {26, 212}, {5, 197}, {0, 216}, {0, 208},
      {1, 213}, {2, 217}};

  @Test
  void aJavaProxySettlesOnceItsCompilerHasBeenQuietForThreeWindows() {
    Settling s = new Settling();
    int settledAt = -1;
    for (int i = 0; i < FRESH_JAVA.length && settledAt < 0; i++) {
      if (s.add(ticks(FRESH_JAVA[i][0]), ticks(FRESH_JAVA[i][1]))) {
        settledAt = i + 1;
      }
    }
    // Window 7 is quiet, 8 is not (32 of 217 ticks), nor 10 (5 of 197: 2.5%): 11, 12, 13 are.
    assertThat(settledAt).isEqualTo(13);
  }

  @Test
  void aQuietWindowBetweenBusyOnesDoesNotCount() {
    Settling s = new Settling();
    assertThat(s.add(ticks(2), ticks(212))).isFalse();
    assertThat(s.add(ticks(1), ticks(212))).isFalse();
    assertThat(s.add(ticks(32), ticks(217))).isFalse();
    assertThat(s.add(ticks(0), ticks(200))).isFalse();
    assertThat(s.add(ticks(0), ticks(200))).isFalse();
    assertThat(s.settled()).isFalse();
    assertThat(s.add(ticks(0), ticks(200))).isTrue();
  }

  @Test
  void aProcessWithoutCompilerThreadsSettlesAfterThreeWindows() {
    Settling s = new Settling();
    s.add(CpuTicks.ZERO, ticks(190));
    s.add(CpuTicks.ZERO, ticks(185));
    assertThat(s.settled()).isFalse();
    assertThat(s.add(CpuTicks.ZERO, ticks(192))).isTrue();
  }

  private static CpuTicks ticks(long user) {
    return new CpuTicks(user, 0);
  }
}
