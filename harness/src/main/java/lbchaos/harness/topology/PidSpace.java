package lbchaos.harness.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a pid means something: this kernel's boot id and this process's PID namespace. Every
 * machine's first PID namespace has the same inode number, hence the boot id; a container on
 * this host shares the boot id but has a namespace of its own. Either part unreadable (not
 * Linux) leaves "unknown", which matches only itself.
 */
final class PidSpace {

  static final String OURS = read();

  private PidSpace() {}

  private static String read() {
    try {
      String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
      String ns = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      return boot + "/" + ns;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return "unknown";
    }
  }

  /**
   * True when a pid labelled with {@code space} can be looked up here; a label from before this
   * one existed (null) was written on this host, as lbchaos then only ran on the engine's host.
   */
  static boolean ours(String space) {
    return space == null || space.equals(OURS);
  }
}
