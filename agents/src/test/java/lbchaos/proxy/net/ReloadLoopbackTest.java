package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import lbchaos.proxy.config.HaproxyConfig;
import org.junit.jupiter.api.Test;

/** Reload keeps established connections and the listener; new connections use the new config. */
class ReloadLoopbackTest {

  static HaproxyConfig cfg(int port, Backends.NameServer s) throws Exception {
    return Backends.cfg(port).servers("", s).parse();
  }

  @Test
  void reloadKeepsEstablishedSessionsAndSwitchesNewOnes() throws Exception {
    try (Backends.NameServer a = new Backends.NameServer("old", 0);
        Backends.NameServer b = new Backends.NameServer("new", 0)) {
      int port = Backends.freePort();
      try (ProxyServer proxy = new ProxyServer(Transport.NIO, 1, "lb",
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
        proxy.start(cfg(port, a));
        try (Socket held = new Socket(InetAddress.getLoopbackAddress(), port)) {
          held.setSoTimeout(5000);
          assertThat(held.getInputStream().read()).as("established on old").isEqualTo('o');
          proxy.reload(cfg(port, b));
          assertThat(Backends.fetch(port)).as("new connections go to the new config").startsWith("new");
          held.getOutputStream().write("still".getBytes(StandardCharsets.US_ASCII));
          held.shutdownOutput();
          String rest = new String(held.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
          assertThat(rest).as("old session survived the reload (NIO transport)").isEqualTo("ld\nSTILL");
        }
      }
    }
  }
}
