package lbchaos.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** poll(2) with no wait, on a pipe's two descriptors (found as the new pipe links in /proc). */
class LibcReadableTest {

  @Test
  void aDescriptorIsReadableOnlyOnceDataWaitsAndAskingTakesNothing() throws IOException {
    Set<String> before = descriptors();
    Pipe pipe = Pipe.open();
    try (var source = pipe.source(); var sink = pipe.sink()) {
      List<Integer> ends = descriptors().stream()
          .filter(fd -> !before.contains(fd) && fd.contains("pipe:"))
          .map(fd -> Integer.valueOf(fd.substring(0, fd.indexOf(' ')))).toList();
      assertThat(ends).as("the pipe's two descriptors").hasSize(2);
      assertThat(ends).as("nothing written: neither end readable")
          .noneMatch(Libc::readable);
      sink.write(ByteBuffer.wrap(new byte[] {1}));
      assertThat(ends.stream().filter(Libc::readable).count())
          .as("one byte written: the read end readable").isEqualTo(1);
      assertThat(ends.stream().filter(Libc::readable).count())
          .as("asking again: the byte is still there").isEqualTo(1);
      ByteBuffer got = ByteBuffer.allocate(4);
      assertThat(source.read(got)).as("the byte read").isEqualTo(1);
      assertThat(ends).as("read: neither end readable").noneMatch(Libc::readable);
    }
  }

  @Test
  void aNegativeDescriptorIsNeverReadable() {
    assertThat(Libc.readable(-1)).isFalse();
  }

  /** Each open descriptor as "number link" (a number alone is reused once closed). */
  private static Set<String> descriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return new HashSet<>(fds.map(p -> p.getFileName() + " " + link(p.getFileName()
          .toString())).toList());
    }
  }

  private static String link(String fd) {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString();
    } catch (IOException e) {
      return ""; // closed meanwhile (the listing's own descriptor)
    }
  }
}
