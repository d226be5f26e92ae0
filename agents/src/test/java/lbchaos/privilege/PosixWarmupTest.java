package lbchaos.privilege;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PosixWarmupTest {

  @Test
  void theChangingCallsAllFailAndTheIdsStayAsTheyWere() throws Exception {
    int uid = Posix.getuid();
    int euid = Posix.geteuid();
    int gid = Posix.getgid();
    assertThat(PosixWarmup.run()).as("setuid(-1), setgid(-1), prctl(-1) refused")
        .isEqualTo(PosixWarmup.CALLS);
    assertThat(new int[] {Posix.getuid(), Posix.geteuid(), Posix.getgid()})
        .as("uid, euid, gid unchanged").containsExactly(uid, euid, gid);
  }
}
