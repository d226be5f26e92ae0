package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionsHeldTest {

  static final String SS = """
      0      0        10.77.0.100:80      10.77.0.200:41532
      0      0   [::ffff:10.77.0.100]:80  [::ffff:10.77.0.200]:41534
      0      0        10.77.0.11:51000    10.77.0.113:80
      0      0        10.77.0.11:51002    10.77.0.114:80
      0      0        10.77.0.11:51004    10.77.0.114:80
      0      0        10.77.0.11:40000    10.77.0.12:112
      0      0        10.77.0.11:51006    10.77.0.113:8080
      """;

  @Test
  void countsFrontendAndBackendSidesApart() {
    var c = ConnectionsHeld.of(SS, "10.77.0.100", 80, Set.of("10.77.0.113", "10.77.0.114"));
    assertThat(c.clientSide()).as("two clients on VIP:80, one IPv4-mapped").isEqualTo(2);
    assertThat(c.serverSide()).as("three to webservers on :80; another port not counted")
        .isEqualTo(3);
    assertThat(c.atLeast(2)).as("both sides hold two").isTrue();
    assertThat(c.atLeast(3)).as("the client side holds only two").isFalse();
  }

  @Test
  void emptyOutputCountsNothing() {
    assertThat(ConnectionsHeld.of("", "10.0.0.1", 80, Set.of())).as("none")
        .isEqualTo(new ConnectionsHeld(0, 0));
  }
}
