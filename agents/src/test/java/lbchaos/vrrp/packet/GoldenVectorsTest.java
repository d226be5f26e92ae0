package lbchaos.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code *.hex} in {@code src/test/resources/vrrp-golden/} with its sibling {@code .json}
 * (format in that folder's README): our decoder reads it, and our encoder writes the same bytes.
 */
class GoldenVectorsTest {

  @TestFactory
  Stream<DynamicTest> everyGoldenVectorDecodesAndReencodes() throws IOException,
      URISyntaxException {
    var url = GoldenVectorsTest.class.getResource("/vrrp-golden");
    Assumptions.assumeTrue(url != null, "no vrrp-golden folder");
    Path dir = Path.of(url.toURI());
    List<Path> hexes;
    try (Stream<Path> files = Files.list(dir)) {
      hexes = files.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
    }
    assertThat(hexes).as("golden vectors in %s", dir).isNotEmpty();
    return hexes.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
        () -> check(p)));
  }

  private static void check(Path hexFile) throws IOException {
    String name = hexFile.getFileName().toString();
    Path json = hexFile.resolveSibling(name.substring(0, name.length() - 4) + ".json");
    assertThat(json).as("sibling json of %s", name).exists();
    JsonNode want = new ObjectMapper().readTree(json.toFile());
    byte[] bytes = parseHex(Files.readString(hexFile));
    InetAddress src = ip(want.path("source").asText());
    InetAddress dst = ip(want.path("destination").asText("224.0.0.18"));
    boolean ip = want.path("ip").asBoolean(false);
    Decoded d = ip ? VrrpCodec.decodeIp(bytes, ReceivePolicy.any())
        : VrrpCodec.decodePayload(bytes, src, dst, 255, ReceivePolicy.any());
    assertThat(d).as("%s decodes", name).isInstanceOf(Decoded.Received.class);
    Decoded.Received r = (Decoded.Received) d;
    List<InetAddress> addrs = new ArrayList<>();
    want.path("addresses").forEach(a -> addrs.add(ip(a.asText())));
    Advert expected = new Advert(want.path("version").asInt(), want.path("vrid").asInt(),
        want.path("priority").asInt(), want.path("intervalCentis").asInt(), addrs,
        want.path("authType").asInt(0), want.path("password").asText(""));
    assertThat(r.advert()).as("%s fields", name).isEqualTo(expected);
    assertThat(r.source()).as("%s source", name).isEqualTo(src);
    if (want.path("reencode").asBoolean(true)) {
      int header = (bytes[0] & 0xF0) == 0x60 ? VrrpCodec.IPV6_HEADER : (bytes[0] & 0x0F) * 4;
      byte[] payload = ip ? java.util.Arrays.copyOfRange(bytes, header, bytes.length) : bytes;
      assertThat(HexFormat.of().formatHex(VrrpCodec.encode(expected, src, dst)))
          .as("%s: our encoder writes the same VRRP bytes", name)
          .isEqualTo(HexFormat.of().formatHex(payload));
    }
  }

  static byte[] parseHex(String text) {
    StringBuilder hex = new StringBuilder();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      hex.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("[\\s:]", ""));
    }
    return HexFormat.of().parseHex(hex);
  }

  static InetAddress ip(String s) {
    return s.contains(":") ? VrrpCodecTest.ip6(s) : VrrpCodecTest.ip(s);
  }
}
