package lbchaos.proxy.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code stats-cmd SOCKET COMMAND...}: sends one command line to a runtime API socket (haproxy's
 * or the agent's) and prints the answer, as {@code echo COMMAND | socat stdio SOCKET} does; the
 * harness runs it with docker exec, so no node needs socat. Exit 1 when the socket cannot be
 * reached.
 */
public final class StatsClient {

  private StatsClient() {}

  public static int main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: stats-cmd SOCKET COMMAND...");
      return 2;
    }
    try {
      System.out.print(send(Path.of(args[0]), String.join(" ", java.util.Arrays.asList(args)
          .subList(1, args.length))));
      System.out.flush();
      return 0;
    } catch (IOException e) {
      System.err.println("stats-cmd: " + args[0] + ": " + e.getMessage());
      return 1;
    }
  }

  /** The answer to {@code command}, read until the server closes. */
  public static String send(Path socket, String command) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(8192);
      while (ch.read(buf.clear()) >= 0) {
        out.write(buf.array(), 0, buf.position());
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
