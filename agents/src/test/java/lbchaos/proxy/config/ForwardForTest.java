package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** option forwardfor as haproxy 2.6 reads and applies it. */
class ForwardForTest {

  static Optional<ForwardFor> opt(String... words) {
    return Optional.of(ForwardFor.parse(List.of(words)));
  }

  static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void exceptNetworksInEveryFormHaproxyReads() throws Exception {
    assertThat(Network.parse("127.0.0.0/8").orElseThrow().contains(ip("127.1.2.3")))
        .isTrue();
    assertThat(Network.parse("10.0.0.0/255.255.0.0").orElseThrow()
        .contains(ip("10.0.9.9"))).isTrue();
    assertThat(Network.parse("10.0.0.0/255.255.0.0").orElseThrow()
        .contains(ip("10.1.0.1"))).isFalse();
    assertThat(Network.parse("10.0.0.7").orElseThrow().contains(ip("10.0.0.8")))
        .as("no mask: the one address").isFalse();
    assertThat(Network.parse("fd00::/8").orElseThrow().contains(ip("fd12::1")))
        .isTrue();
    assertThat(Network.parse("fd00::/8").orElseThrow().contains(ip("10.0.0.1")))
        .as("another family never matches").isFalse();
    assertThat(Network.parse("10.0.0.0/255.0.255.0").orElseThrow().contains(ip("10.9.0.7")))
        .as("holes in a dotted mask: str2mask takes any, the address and'ed with it").isTrue();
    assertThat(Network.parse("10.0.0.0/255.0.255.0").orElseThrow().contains(ip("10.0.1.7")))
        .isFalse();
    assertThat(Network.parse("10.0.0.0/33")).isEmpty();
    assertThat(Network.parse("fd00::/ffff::")).as("an IPv6 network's mask is a length")
        .isEmpty();
    assertThat(Network.parse("10.0.0.0/8x")).isEmpty();
  }

  @Test
  void errorsInHaproxysWords() {
    assertThatThrownBy(() -> ForwardFor.parse(List.of("except")))
        .hasMessage("'option forwardfor except' expects <address>[/mask] as argument");
    assertThatThrownBy(() -> ForwardFor.parse(List.of("header")))
        .hasMessage("'option forwardfor header' expects <header_name> as argument");
    assertThatThrownBy(() -> ForwardFor.parse(List.of("sometimes"))).hasMessage(
        "'option forwardfor' only supports optional values: 'except', 'header' and 'if-none'");
  }

  @Test
  void whichHeaderIsAddedAsHttpAnaDecides() throws Exception {
    InetAddress client = ip("10.0.0.5");
    Set<String> none = Set.of();
    assertThat(ForwardFor.headerFor(opt(), Optional.empty(), client, none::contains))
        .contains("X-Forwarded-For");
    assertThat(ForwardFor.headerFor(opt("header", "X-Client"), opt("header", "X-Real-IP"),
        client, none::contains)).as("the backend's name wins").contains("X-Real-IP");
    assertThat(ForwardFor.headerFor(opt("except", "10.0.0.0/24"), Optional.empty(), client,
        none::contains)).as("an excepted client").isEmpty();
    assertThat(ForwardFor.headerFor(opt(), opt("except", "10.0.0.0/24"), client,
        none::contains)).as("either side's except").isEmpty();
    Set<String> has = Set.of("X-Forwarded-For");
    assertThat(ForwardFor.headerFor(opt("if-none"), Optional.empty(), client, has::contains))
        .as("if-none and the header is there").isEmpty();
    assertThat(ForwardFor.headerFor(opt("if-none"), opt(), client, has::contains))
        .as("one side without if-none makes it mandatory").contains("X-Forwarded-For");
    assertThat(ForwardFor.headerFor(Optional.empty(), Optional.empty(), client, none::contains))
        .isEmpty();
  }
}
