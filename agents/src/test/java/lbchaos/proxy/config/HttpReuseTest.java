package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpReuseTest {

  @Test
  void whichRequestsMayTakeAnIdleConnection() {
    assertThat(HttpReuse.NEVER.mayTake(false, true)).isFalse();
    assertThat(HttpReuse.CLOSE.mayTake(false, true)).isFalse();
    assertThat(HttpReuse.SAFE.mayTake(true, true)).as("safe: never a first request").isFalse();
    assertThat(HttpReuse.SAFE.mayTake(false, false)).isTrue();
    assertThat(HttpReuse.AGGRESSIVE.mayTake(true, false)).as("aggressive: a proven one").isFalse();
    assertThat(HttpReuse.AGGRESSIVE.mayTake(true, true)).isTrue();
    assertThat(HttpReuse.ALWAYS.mayTake(true, false)).isTrue();
  }

  @Test
  void neverKeepsItsConnectionsAliveForTheSessionAndServerCloseClosesThem() {
    assertThat(HttpReuse.NEVER.keepsAlive()).isTrue();
    assertThat(HttpReuse.NEVER.shares()).as("never: kept for its own session only").isFalse();
    assertThat(HttpReuse.CLOSE.keepsAlive()).isFalse();
    assertThat(HttpReuse.SAFE.shares()).isTrue();
  }

  @Test
  void parsedAsHaproxyDoesFromDefaultsAndBackends() {
    HaproxyConfig c = HaproxyStrictnessTest.parse("defaults\n  mode http\n  http-reuse always\n"
        + HaproxyStrictnessTest.listen("option forwardfor"));
    assertThat(c.backends()).singleElement().extracting(Backend::httpReuse)
        .isEqualTo(HttpReuse.ALWAYS);
    assertThat(HaproxyStrictnessTest.parse(HaproxyStrictnessTest.listen("option http-server-close"))
        .backends()).singleElement().extracting(Backend::httpReuse).isEqualTo(HttpReuse.CLOSE);
    assertThat(HaproxyStrictnessTest.parse(HaproxyStrictnessTest.listen("http-reuse never"))
        .backends()).singleElement().extracting(Backend::httpReuse).isEqualTo(HttpReuse.NEVER);
    assertThat(HaproxyStrictnessTest.parse(HaproxyStrictnessTest.listen("http-reuse aggressive"))
        .backends()).singleElement().extracting(Backend::httpReuse)
        .isEqualTo(HttpReuse.AGGRESSIVE);
    assertThat(HaproxyStrictnessTest.parse(HaproxyStrictnessTest.listen("")).frontends())
        .singleElement().extracting(Frontend::maxSessionSrvConns).as("haproxy 2.6's default")
        .isEqualTo(5);
    assertThat(HaproxyStrictnessTest.parse("defaults\n  max-session-srv-conns 2\n"
        + HaproxyStrictnessTest.listen("")).frontends()).singleElement()
        .extracting(Frontend::maxSessionSrvConns).isEqualTo(2);
    assertThat(HaproxyStrictnessTest.errors(HaproxyStrictnessTest.listen("max-session-srv-conns")))
        .containsExactly("haproxy.cfg:7: 'max-session-srv-conns' expects an argument");
    assertThat(HaproxyStrictnessTest.errors(HaproxyStrictnessTest.listen("http-reuse sometimes")))
        .containsExactly("haproxy.cfg:7: 'http-reuse' only supports 'never', 'safe',"
            + " 'aggressive', 'always'");
  }
}
