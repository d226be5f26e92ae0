package lbchaos.craft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import lbchaos.vrrp.packet.Decoded;
import lbchaos.vrrp.packet.ReceivePolicy;
import lbchaos.vrrp.packet.VrrpCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CraftCaseTest {

  static final Inet4Address SRC = ip("10.213.4.5");
  static final Inet4Address VIP = ip("10.213.4.211");
  static final Target V2 = new Target(SRC, 2, 42, Duration.ofSeconds(1), List.of(VIP), "mypass",
      100);
  static final Target V3 = new Target(SRC, 3, 42, Duration.ofMillis(100), List.of(VIP), "", 100);

  static ReceivePolicy policy(Target t) {
    return ReceivePolicy.forInstance(t.vrid(), t.version(), Set.of(ip("10.213.4.48")),
        t.password(), (int) (t.advert().toMillis() / 10));
  }

  @ParameterizedTest
  @EnumSource(CraftCase.class)
  void eachV2CaseFailsExactlyTheCheckItNames(CraftCase c) {
    Decoded d = VrrpCodec.decodeIp(c.packet(V2), policy(V2));
    if (c.expected().isPresent()) {
      assertThat(d).as("%s is dropped", c).isInstanceOf(Decoded.Drop.class);
      assertThat(((Decoded.Drop) d).reason()).as("%s drop reason", c).isEqualTo(c.expected().get());
    } else {
      assertThat(d).as("%s is accepted", c).isInstanceOf(Decoded.Received.class);
      assertThat(((Decoded.Received) d).advert().priority()).as("%s priority", c)
          .isEqualTo(c == CraftCase.PRIORITY0 ? 0 : 255);
    }
  }

  @ParameterizedTest
  @EnumSource(CraftCase.class)
  void eachV3CaseFailsExactlyTheCheckItNames(CraftCase c) {
    if (!c.appliesTo(3)) {
      return;
    }
    Decoded d = VrrpCodec.decodeIp(c.packet(V3), policy(V3));
    if (c.expected().isPresent()) {
      assertThat(d).as("%s dropped", c).isInstanceOf(Decoded.Drop.class);
      assertThat(((Decoded.Drop) d).reason()).as("%s v3 reason", c).isEqualTo(c.expected().get());
    } else {
      assertThat(d).as("%s accepted", c).isInstanceOf(Decoded.Received.class);
    }
  }

  @Test
  void droppedCasesAreOtherwiseValidForAnyPolicyExceptTheirOwnCheck() {
    // With nothing checked but the wire, the auth, interval and VRID cases pass: so the one
    // mutated field is what the instance policy rejects, not collateral damage.
    for (CraftCase c : List.of(CraftCase.AUTH, CraftCase.INTERVAL, CraftCase.VRID)) {
      assertThat(VrrpCodec.decodeIp(c.packet(V2), ReceivePolicy.any()))
          .as("%s is a well-formed advert", c).isInstanceOf(Decoded.Received.class);
    }
  }

  @Test
  void usageErrorsExitTwoWithoutOpeningASocket() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = CraftAgent.run(new String[] {"--case", "nope", "--src", "1.2.3.4"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertThat(rc).as("exit code").isEqualTo(2);
    assertThat(err.toString()).as("message").contains("unknown case nope");
    assertThat(CraftAgent.run(new String[] {"--case", "ttl"}, System.out,
        new PrintStream(new ByteArrayOutputStream()))).as("missing --src").isEqualTo(2);
  }

  static Inet4Address ip(String s) {
    try {
      return (Inet4Address) InetAddress.getByName(s);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
