package lbchaos.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * Every number of both tables as the kernel's own headers have them, where the machine has
   * them: the x86_64 table's {@code __NR_x} of asm/unistd_64.h and the aarch64 table's of
   * asm-generic/unistd.h (the record's components are named as the calls).
   */
  @Test
  void theNumbersAreTheKernelHeaders() throws IOException {
    Path x86 = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    Path generic = Path.of("/usr/include/asm-generic/unistd.h");
    assumeTrue(Files.isReadable(x86) && Files.isReadable(generic), "no kernel headers here");
    assertThat(numbers(Syscall.Numbers.of("amd64"))).isEqualTo(header(x86,
        numbers(Syscall.Numbers.of("amd64")).keySet()));
    assertThat(numbers(Syscall.Numbers.of("aarch64"))).isEqualTo(header(generic,
        numbers(Syscall.Numbers.of("aarch64")).keySet()));
  }

  private static Map<String, Long> numbers(Syscall.Numbers n) {
    Map<String, Long> m = new TreeMap<>();
    for (RecordComponent c : Syscall.Numbers.class.getRecordComponents()) {
      try {
        m.put(c.getName(), (Long) c.getAccessor().invoke(n));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    return m;
  }

  /** {@code #define __NR_name number} (asm-generic also spells some __NR3264_name). */
  private static Map<String, Long> header(Path h, Set<String> names) throws IOException {
    Pattern define = Pattern.compile("#define __NR(?:3264)?_(\\w+)\\s+(\\d+)\\b.*");
    Map<String, Long> m = new TreeMap<>();
    for (String line : Files.readAllLines(h)) {
      Matcher d = define.matcher(line.strip());
      if (d.matches() && names.contains(d.group(1))) {
        m.put(d.group(1), Long.parseLong(d.group(2)));
      }
    }
    return m;
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
