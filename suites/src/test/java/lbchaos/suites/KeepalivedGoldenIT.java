package lbchaos.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import lbchaos.vrrp.packet.Advert;
import lbchaos.vrrp.packet.Decoded;
import lbchaos.vrrp.packet.ReceivePolicy;
import lbchaos.vrrp.packet.VrrpCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real keepalived 2.2.7 of the base image, on the reference stack, as the source of truth
 * for our codec: its adverts (v2 with PASS auth, v3 at 1 s and at 0.1 s) decode with our decoder
 * to the fields of its config, and our encoder writes the same VRRP bytes for them.
 *
 * <p>It also makes the golden vectors of agents/src/test/resources/vrrp-golden: with
 * {@code -Dlbchaos.golden.dir=DIR} it writes one {@code .hex} and {@code .json} pair per variant
 * there (see that folder's README). The unit test {@code GoldenVectorsTest} reads them offline.
 */
class KeepalivedGoldenIT {

  static final String DIR_PROPERTY = "lbchaos.golden.dir";

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of("keepalived-2.2.7-v2-pass-1s", LbSettings.ARTICLE),
        Arguments.of("keepalived-2.2.7-v3-1s", LbSettings.ARTICLE.withAdverts(3,
            Duration.ofSeconds(1))),
        Arguments.of("keepalived-2.2.7-v3-100ms", LbSettings.ARTICLE.withAdverts(3,
            Duration.ofMillis(100))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void keepalivedAdvertsMatchOurCodec(String name, LbSettings s) throws IOException {
    try (Lab lab = Lab.start(LabSpec.article(Stack.REFERENCE).withSettings(s), l -> { },
        System.out)) {
      String master = lab.lbs().getFirst().ip();
      await("loadbalancer-1 holding the VIP").atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lab.vipHolders().equals(List.of("loadbalancer-1")));
      List<byte[]> packets = AdvertCapture.capture(lab.node("loadbalancer-2"), 3,
          "src host " + master, Duration.ofSeconds(10));
      Inet4Address src = ip(master);
      Advert expected = s.version() == 3
          ? Advert.v3(lab.vrid(), s.priority(0), s.advertInterval(), List.of(ip(lab.plan().vip())))
          : Advert.v2(lab.vrid(), s.priority(0), s.advertInterval(),
              List.of(ip(lab.plan().vip())), s.authPass());
      for (byte[] p : packets) {
        Decoded d = VrrpCodec.decodeIp(p, ReceivePolicy.any());
        assertThat(d).as("%s: keepalived's advert %s decodes", name, HexFormat.of().formatHex(p))
            .isInstanceOf(Decoded.Received.class);
        Decoded.Received r = (Decoded.Received) d;
        assertThat(r.advert()).as("%s: fields of keepalived's advert", name).isEqualTo(expected);
        byte[] payload = Arrays.copyOfRange(p, (p[0] & 0x0F) * 4, p.length);
        assertThat(HexFormat.of().formatHex(VrrpCodec.encode(expected, src, VrrpCodec.MULTICAST_GROUP)))
            .as("%s: our encoder writes keepalived's VRRP bytes", name)
            .isEqualTo(HexFormat.of().formatHex(payload));
      }
      String dir = System.getProperty(DIR_PROPERTY, "");
      if (!dir.isBlank()) {
        write(Path.of(dir), name, packets.getFirst(), expected, master);
      }
    }
  }

  private static void write(Path dir, String name, byte[] packet, Advert a, String source)
      throws IOException {
    Files.createDirectories(dir);
    int ihl = (packet[0] & 0x0F) * 4;
    HexFormat hf = HexFormat.ofDelimiter(" ");
    String hex = "# captured from keepalived 2.2.7 (Debian bookworm) by KeepalivedGoldenIT:\n"
        + "# tcpdump -i eth0 -nn -x 'ip proto 112' on loadbalancer-2 (the keepalived backup) of a reference-stack lab\n"
        + "# IPv4 header as received\n"
        + hf.formatHex(packet, 0, ihl) + "\n"
        + "# VRRP message\n"
        + hf.formatHex(packet, ihl, packet.length) + "\n";
    StringBuilder addrs = new StringBuilder();
    for (java.net.InetAddress x : a.addresses()) {
      addrs.append(addrs.isEmpty() ? "" : ", ").append('"').append(x.getHostAddress()).append('"');
    }
    String json = "{\"ip\": true, \"version\": " + a.version() + ", \"vrid\": " + a.vrid()
        + ", \"priority\": " + a.priority() + ", \"intervalCentis\": " + a.intervalCentis()
        + ",\n \"addresses\": [" + addrs + "], \"authType\": " + a.authType()
        + ", \"password\": \"" + a.password() + "\",\n \"source\": \"" + source
        + "\", \"destination\": \"224.0.0.18\"}\n";
    Files.writeString(dir.resolve(name + ".hex"), hex);
    Files.writeString(dir.resolve(name + ".json"), json);
  }

  static Inet4Address ip(String s) {
    try {
      return (Inet4Address) InetAddress.getByName(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(s, e);
    }
  }
}
