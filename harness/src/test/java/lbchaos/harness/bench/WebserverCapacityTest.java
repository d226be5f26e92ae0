package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebserverCapacityTest {

  @Test
  void asksForTheWorkersWithinWhatAGracefulRestartCanChange() {
    String c = WebserverCapacity.conf(626);
    assertThat(c).as("spare workers kept ready").contains("MinSpareThreads 626");
    assertThat(c).as("ServerLimit 16 x ThreadLimit 64").contains("MaxRequestWorkers 1024")
        .contains("ThreadsPerChild 64").doesNotContain("ServerLimit");
    assertThat(c).as("held partial requests are not timed out").contains("header=0");
    assertThatThrownBy(() -> WebserverCapacity.conf(1000)).as("above the ceiling less a child")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
