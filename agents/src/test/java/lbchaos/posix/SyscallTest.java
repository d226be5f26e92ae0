package lbchaos.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** syscall(2) through the one downcall handle: results, errno, and the numbers per machine. */
class SyscallTest {

  private static final int EBADF = 9;

  @Test
  void aCallAnswersItsResultAndAFailedOneMinusOneWithErrno() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment cap = Syscall.capture(a);
      long uid = Syscall.call(cap, Syscall.NR.getuid(), 0, 0, 0, 0, 0, 0);
      assertThat(uid).as("getuid: this JVM's uid, as /proc says")
          .isEqualTo(Long.parseLong(procStatusUid()));
      long rc = Syscall.call(cap, Syscall.NR.close(), -1, 0, 0, 0, 0, 0);
      assertThat(rc).as("close(-1) fails").isEqualTo(-1);
      assertThat(Syscall.errno(cap)).as("with EBADF").isEqualTo(EBADF);
    }
  }

  @Test
  void eachMachineHasItsOwnNumbersAndAnUnknownOneNone() {
    assertThat(Syscall.Numbers.of("amd64").socket()).isEqualTo(41);
    assertThat(Syscall.Numbers.of("aarch64").socket()).isEqualTo(198);
    assertThat(Syscall.Numbers.of("amd64").ppoll()).isNotEqualTo(
        Syscall.Numbers.of("aarch64").ppoll());
    assertThatThrownBy(() -> Syscall.Numbers.of("riscv64"))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("riscv64");
  }

  /** The real uid from /proc/self/status ("Uid: real effective saved fs"). */
  private static String procStatusUid() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
