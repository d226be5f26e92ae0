package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each case as haproxy 2.6.12 answered it in the node image (a raw request through nc to
 * haproxy: 400, or read and passed on).
 */
class HostAuthorityTest {

  static boolean agree(String method, String uri, String... hosts) {
    return HostAuthority.agree(method, uri, List.of(hosts));
  }

  @Test
  void hostLinesMustSayTheSame() {
    assertThat(agree("GET", "/", "a", "a")).as("the same twice").isTrue();
    assertThat(agree("GET", "/", "a", "A")).as("case aside").isTrue();
    assertThat(agree("GET", "/", "a", "b")).as("two hosts").isFalse();
    assertThat(agree("GET", "/", "a", "a", "b")).as("the third differs").isFalse();
    assertThat(agree("GET", "/", "a:80", "a")).as("no port dropped between lines").isFalse();
    assertThat(agree("GET", "/", "a, b")).as("a list: 2.6 lets it pass (3.0 does not)").isTrue();
    assertThat(agree("GET", "/")).as("no Host").isTrue();
  }

  @Test
  void aTargetsAuthorityMustNameTheHost() {
    assertThat(agree("GET", "http://a/v1", "a")).isTrue();
    assertThat(agree("GET", "http://A/v1", "a")).as("case aside").isTrue();
    assertThat(agree("GET", "http://b/v1", "a")).isFalse();
    assertThat(agree("GET", "http://b", "a")).as("without a path").isFalse();
    assertThat(agree("GET", "http://a", "a")).isTrue();
    assertThat(agree("GET", "https://b/", "a")).isFalse();
    assertThat(agree("GET", "foo://b/", "a")).as("any scheme").isFalse();
    assertThat(agree("GET", "//b/x", "a")).as("no scheme, no authority").isTrue();
    assertThat(agree("GET", "http://b/v1")).as("no Host to compare").isTrue();
    assertThat(agree("GET", "http://a/v1", "")).as("an empty Host").isFalse();
    assertThat(agree("GET", "http://u@a/v1", "a")).as("userinfo dropped").isTrue();
    assertThat(agree("GET", "http://u@b/v1", "a")).isFalse();
    assertThat(agree("GET", "http://a?x", "a")).as("'?' is the authority's without a '/'")
        .isFalse();
    assertThat(agree("GET", "http://a#f", "a")).isFalse();
  }

  @Test
  void defaultAndEmptyPortsAreDroppedBeforeTheyAreCompared() {
    assertThat(agree("GET", "http://a:80/v1", "a")).isTrue();
    assertThat(agree("GET", "http://a/v1", "a:80")).isTrue();
    assertThat(agree("GET", "http://a:8080/v1", "a")).isFalse();
    assertThat(agree("GET", "https://a:443/v1", "a")).isTrue();
    assertThat(agree("GET", "https://a:80/v1", "a")).as("80 is http's").isFalse();
    assertThat(agree("GET", "http://a:/v1", "a")).as("an empty port").isTrue();
    assertThat(agree("GET", "http://a/", "a:")).isTrue();
    assertThat(agree("GET", "http://a/", "a:080")).isFalse();
    assertThat(agree("GET", "http://[::1]/", "[::1]:80")).isTrue();
  }

  @Test
  void aConnectsAuthorityIsItsTarget() {
    assertThat(agree("CONNECT", "a:443", "a:443")).isTrue();
    assertThat(agree("CONNECT", "a:443", "A:443")).isTrue();
    assertThat(agree("CONNECT", "a:443", "b:443")).isFalse();
    assertThat(agree("CONNECT", "a:443", "a")).as("443 dropped").isTrue();
    assertThat(agree("CONNECT", "a:80", "a")).as("80 too").isTrue();
    assertThat(agree("CONNECT", "a:8443", "a")).isFalse();
    assertThat(agree("CONNECT", "a:443", "a:8443")).isFalse();
  }

  /** What 2.6.12 passed on to a server (nc listening behind it). */
  @Test
  void anHttpTargetGoesOnWithoutADefaultPortAndHostNamesItsHost() {
    assertThat(HostAuthority.target("http://a:80/x")).isEqualTo("http://a/x");
    assertThat(HostAuthority.target("http://a:/x")).isEqualTo("http://a/x");
    assertThat(HostAuthority.target("https://a:443/x")).isEqualTo("https://a/x");
    assertThat(HostAuthority.target("http://u@A:80/x")).isEqualTo("http://u@A/x");
    assertThat(HostAuthority.host("http://u@A/x")).as("Host, without userinfo").isEqualTo("A");
    assertThat(HostAuthority.target("http://a:80")).isEqualTo("http://a");
    assertThat(HostAuthority.target("http://a:8080/x")).isEqualTo("http://a:8080/x");
    assertThat(HostAuthority.target("https://a:80/x")).isEqualTo("https://a:80/x");
    assertThat(HostAuthority.target("/x:80")).isEqualTo("/x:80");
  }
}
