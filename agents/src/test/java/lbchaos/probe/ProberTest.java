package lbchaos.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lbchaos.event.ProbeSample;
import lbchaos.event.ProbeSample.ErrorKind;
import lbchaos.probe.TestServer.Behaviour;
import org.junit.jupiter.api.Test;

class ProberTest {

  private static ProbeSample once(Target target, ProbeConfig.Mode mode, Duration timeout) {
    return Prober.of(ProbeConfig.of(target).withMode(mode).withTimeout(timeout).withName("client"))
        .probeOnce();
  }

  private static ProbeSample once(Target target) {
    return once(target, ProbeConfig.Mode.HTTP, Duration.ofSeconds(2));
  }

  @Test
  void readsTheBackendFromTheArticlesPage() throws Exception {
    try (TestServer s = new TestServer(Behaviour.ARTICLE)) {
      ProbeSample a = once(s.target());
      ProbeSample b = once(s.target());
      assertThat(a.error()).as("error of a healthy request").isNull();
      assertThat(a.backend()).as("backend of the first answer").isEqualTo("webserver-1");
      assertThat(b.backend()).as("backend of the second answer").isEqualTo("webserver-2");
      assertThat(a.source()).as("source").isEqualTo("client");
      assertThat(a.endAt()).as("end is not before start").isGreaterThanOrEqualTo(a.at());
      assertThat(s.accepted.get()).as("one new connection per request").isEqualTo(2);
    }
  }

  @Test
  void tcpModeSendsALineAndReadsTheAnswer() throws Exception {
    try (TestServer s = new TestServer(Behaviour.LINE)) {
      ProbeSample p = once(s.target(), ProbeConfig.Mode.TCP, Duration.ofSeconds(2));
      assertThat(p.backend()).as("backend named in the answer line").isEqualTo("webserver-7");
    }
  }

  @Test
  void aClosedPortIsRefused() throws Exception {
    ProbeSample p = once(TestServer.closedPort());
    assertThat(p.error()).as("error against a closed port").isEqualTo(ErrorKind.REFUSED);
    assertThat(p.backend()).as("no backend on error").isNull();
  }

  @Test
  void aServerThatNeverAnswersTimesOutWithinTheBudget() throws Exception {
    try (TestServer s = new TestServer(Behaviour.SILENT)) {
      ProbeSample p = once(s.target(), ProbeConfig.Mode.HTTP, Duration.ofMillis(300));
      assertThat(p.error()).as("error against a silent server").isEqualTo(ErrorKind.TIMEOUT);
      assertThat(p.endAt() - p.at()).as("latency in micros: the budget, not much more")
          .isBetween(290_000L, 1_500_000L);
    }
  }

  @Test
  void aResetIsReset() throws Exception {
    try (TestServer s = new TestServer(Behaviour.RESET)) {
      ProbeSample p = once(s.target());
      assertThat(p.error()).as("error when the server answers with RST").isEqualTo(ErrorKind.RESET);
    }
  }

  @Test
  void anErrorPageOrAnEmptyReplyIsABadAnswer() throws Exception {
    try (TestServer s503 = new TestServer(Behaviour.HTTP_503);
         TestServer empty = new TestServer(Behaviour.CLOSE_EMPTY)) {
      assertThat(once(s503.target()).error()).as("503 page").isEqualTo(ErrorKind.BAD_ANSWER);
      assertThat(once(empty.target()).error()).as("empty reply").isEqualTo(ErrorKind.BAD_ANSWER);
      assertThat(once(empty.target(), ProbeConfig.Mode.TCP, Duration.ofSeconds(2)).error())
          .as("empty reply in tcp mode").isEqualTo(ErrorKind.BAD_ANSWER);
    }
  }

  @Test
  void anAnswerNamingNoBackendIsBadUnlessUnnamedAnswersAreWanted() throws Exception {
    try (TestServer s = new TestServer(Behaviour.APP)) {
      assertThat(once(s.target()).error()).as("a team's page, by default")
          .isEqualTo(ErrorKind.BAD_ANSWER);
      ProbeSample p = Prober.of(ProbeConfig.of(s.target()).withUnnamed(true)).probeOnce();
      assertThat(p.error()).as("error with --unnamed").isNull();
      assertThat(p.backend()).as("backend with --unnamed").isEqualTo(ProbeConfig.UNNAMED);
      assertThat(ProbeArgs.parse(new String[] {"--target", "127.0.0.1:80", "--unnamed"})
          .unnamed()).as("--unnamed parsed").isTrue();
    }
  }
}
