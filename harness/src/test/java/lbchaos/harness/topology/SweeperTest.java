package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SweeperTest {

  @Test
  void onlyRunsWhoseOwnerDiedAreStale() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertThat(Sweeper.stale(p.pid())).as("an owner that exited").isTrue();
    assertThat(Sweeper.stale(ProcessHandle.current().pid())).as("a live owner").isFalse();
    assertThat(Sweeper.stale(-1)).as("no owner label: an image build's RUN container").isFalse();
  }

  @Test
  void aPidNowNamingALaterProcessIsStale() {
    long self = ProcessHandle.current().pid();
    long began = ProcessHandle.current().info().startInstant().orElseThrow().getEpochSecond();
    String pid = Long.toString(self);
    assertThat(Sweeper.stale(Map.of(Labels.PID, pid, Labels.PID_SPACE, PidSpace.OURS,
        lbchaos.harness.docker.Docker.STARTED_LABEL, Long.toString(began + 5))))
        .as("a run this process started: its owner lives").isFalse();
    assertThat(Sweeper.stale(Map.of(Labels.PID, pid, Labels.PID_SPACE, PidSpace.OURS,
        lbchaos.harness.docker.Docker.STARTED_LABEL, Long.toString(began - 3600))))
        .as("a run an hour before this process began: its pid was reused").isTrue();
    assertThat(Sweeper.stale(Map.of(Labels.PID, pid, Labels.PID_SPACE, PidSpace.OURS)))
        .as("no start label: the pid alone decides").isFalse();
  }

  @Test
  void aDeadPidOfAnotherPidNamespaceIsNotOurs() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    String dead = Long.toString(p.pid());
    assertThat(PidSpace.OURS).as("this process's PID space").contains("pid:[").isNotEqualTo(
        "unknown");
    assertThat(Sweeper.stale(Map.of(Labels.PID, dead, Labels.PID_SPACE, PidSpace.OURS)))
        .as("our namespace, owner gone").isTrue();
    assertThat(Sweeper.stale(Map.of(Labels.PID, dead))).as("a label from before PID spaces")
        .isTrue();
    assertThat(Sweeper.stale(Map.of(Labels.PID, dead, Labels.PID_SPACE,
        "another-boot/pid:[4026531836]"))).as("a run on another machine or in a container")
        .isFalse();
    assertThat(Labels.of(RunId.random())).as("what a run writes")
        .containsEntry(Labels.PID_SPACE, PidSpace.OURS);
  }

  @Test
  void aNetworkWithAStaleEndpointIsNamedWithTheWayOut() {
    var swept = new Sweeper.Swept(2, 1, java.util.List.of("lbchaos-1a2b3c4d: Status 403: error"
        + " while removing network: network lbchaos-1a2b3c4d id 5e6f has active endpoints",
        "lbchaos-9f8e7d6c: Status 500: something else"));
    assertThat(swept.advice()).hasSize(2);
    assertThat(swept.advice().get(0)).startsWith("lbchaos: cannot remove network lbchaos-1a2b3c4d")
        .contains("restarting the Docker engine clears it");
    assertThat(swept.advice().get(1)).endsWith("something else");
    assertThat(new Sweeper.Swept(1, 1, java.util.List.of()).advice()).isEmpty();
  }
}
