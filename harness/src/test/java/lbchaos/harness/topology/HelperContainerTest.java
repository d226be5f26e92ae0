package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.Test;

/** What a helper container may do: the least that its job needs. */
class HelperContainerTest {

  @Test
  void aNetworkHelperJoinsTheTargetsNamespaceWithNetAdminAlone() {
    var host = HelperContainer.inNetns("abc123");
    assertThat(host.getNetworkMode()).isEqualTo("container:abc123");
    assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
    assertThat(host.getCapAdd()).containsExactly(Capability.NET_ADMIN);
    assertThat(host.getPrivileged()).isFalse();
    assertThat(host.getPidMode()).as("no host PID namespace").isNull();
  }

  @Test
  void anIsolatedHelperHasNeitherNetworkNorCapability() {
    assertNoCapabilityOn(HelperContainer.isolated(), "none");
  }

  @Test
  void theRouteReaderHasNoCapabilityAtAll() {
    assertNoCapabilityOn(HelperContainer.readHostNetwork(), "host");
  }

  private static void assertNoCapabilityOn(HostConfig host, String network) {
    assertThat(host.getNetworkMode()).isEqualTo(network);
    assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
    assertThat(host.getCapAdd()).isNullOrEmpty();
    assertThat(host.getPrivileged()).isFalse();
    assertThat(host.getPidMode()).as("no host PID namespace").isNull();
  }
}
