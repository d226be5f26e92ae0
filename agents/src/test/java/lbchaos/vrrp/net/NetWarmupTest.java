package lbchaos.vrrp.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetWarmupTest {

  @Test
  void everyCallFailsOnTheBadDescriptorSoNothingIsTouched() throws Exception {
    assertThat(NetWarmup.run()).as("calls refused with EBADF").isEqualTo(NetWarmup.CALLS);
  }
}
