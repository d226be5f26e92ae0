package lbchaos.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.ProbeSample;
import lbchaos.probe.TestServer.Behaviour;
import org.junit.jupiter.api.Test;

class ProbeAgentTest {

  private static List<String> lines(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void rateModeWritesOneSampleLinePerRequestAndASummary() throws Exception {
    try (TestServer s = new TestServer(Behaviour.ARTICLE)) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      ProbeConfig c = ProbeArgs.parse(new String[] {"--target", s.target().toString(), "--rate",
          "40", "--duration", "500ms", "--name", "client"});
      ProbeAgent.run(c, new PrintStream(buf, true, StandardCharsets.UTF_8),
          new ByteArrayInputStream(new byte[0]), false);
      List<Event> events = lines(buf).stream().flatMap(l -> Events.parse(l).stream()).toList();
      assertThat(events).as("samples at 40/s for 0.5 s").hasSize(20)
          .allSatisfy(e -> assertThat(((ProbeSample) e).backend()).as("backend").startsWith("webserver-"));
      LoadSummary sum = LoadSummary.parse(lines(buf).getLast()).orElseThrow();
      assertThat(sum.count()).as("summary count").isEqualTo(20);
      assertThat(sum.errors()).as("summary errors").isZero();
      assertThat(sum.seconds()).as("the run lasts the whole duration").isGreaterThanOrEqualTo(0.5);
      assertThat(sum.requestsPerSecond()).as("rate over the run").isBetween(30.0, 40.0);
    }
  }

  @Test
  void steadyLoadSummarisesCountErrorsRateAndLatency() throws Exception {
    try (TestServer s = new TestServer(Behaviour.ARTICLE)) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      ProbeConfig c = ProbeArgs.parse(new String[] {"--target", s.target().toString(),
          "--concurrency", "4", "--duration", "400ms", "--summary-only"});
      ProbeAgent.run(c, new PrintStream(buf, true, StandardCharsets.UTF_8),
          new ByteArrayInputStream(new byte[0]), false);
      assertThat(lines(buf)).as("only the summary line").hasSize(1);
      LoadSummary sum = LoadSummary.parse(lines(buf).getFirst()).orElseThrow();
      assertThat(Events.parse(lines(buf).getFirst())).as("summary is not an event").isEmpty();
      assertThat(sum.concurrency()).as("concurrency").isEqualTo(4);
      assertThat(sum.count()).as("requests done").isGreaterThan(10);
      assertThat(sum.errors()).as("errors").isZero();
      assertThat(sum.requestsPerSecond()).as("rate").isPositive();
      assertThat(sum.p50Millis()).as("p50 <= p99").isPositive().isLessThanOrEqualTo(sum.p99Millis());
    }
  }

  @Test
  void steadyLoadCountsErrorsByKind() throws Exception {
    Target closed = TestServer.closedPort();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ProbeConfig c = ProbeConfig.of(closed).withConcurrency(2).withDuration(Duration.ofMillis(200))
        .withSamples(false);
    ProbeAgent.run(c, new PrintStream(buf, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(new byte[0]), false);
    LoadSummary sum = LoadSummary.parse(lines(buf).getFirst()).orElseThrow();
    assertThat(sum.errors()).as("every request failed").isEqualTo(sum.count()).isPositive();
    assertThat(sum.errorsByKind()).as("by kind").containsOnlyKeys(ProbeSample.ErrorKind.REFUSED);
  }

  @Test
  void stdinEofStopsAnOpenEndedRunWhenAskedTo() throws Exception {
    try (TestServer s = new TestServer(Behaviour.ARTICLE)) {
      PipedOutputStream feed = new PipedOutputStream();
      PipedInputStream stdin = new PipedInputStream(feed);
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      ProbeConfig c = ProbeConfig.of(s.target()).withRate(50).withStopOnStdinEof(true);
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
        try {
          return ProbeAgent.run(c, new PrintStream(buf, true, StandardCharsets.UTF_8), stdin, false);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3))
          .until(() -> lines(buf).size() >= 3);
      assertThat(run).as("still running while stdin is open").isNotDone();
      feed.close();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(run::isDone);
      assertThat(LoadSummary.parse(lines(buf).getLast())).as("summary at the end").isPresent();
    }
  }

  @Test
  void badArgumentsNameTheOption() {
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--rate", "20"}))
        .as("missing target").hasMessageContaining("--target");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--target", "x:1", "--mode", "udp"}))
        .as("bad mode").hasMessageContaining("--mode 'udp'");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--target", "x:1", "--timeout", "soon"}))
        .as("bad duration").hasMessageContaining("--timeout 'soon'");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--target", "x:1", "--bogus"}))
        .as("unknown option").hasMessageContaining("--bogus");
    ProbeConfig c = ProbeArgs.parse(new String[] {"--target", "10.0.0.211:80"});
    assertThat(c.rate()).as("default rate").isEqualTo(20);
    assertThat(c.timeout()).as("default timeout").isEqualTo(Duration.ofSeconds(2));
    assertThat(c.duration()).as("default duration: until stopped").isEmpty();
    assertThat(ProbeArgs.duration("--d", "1.5s")).as("fractional").isEqualTo(Duration.ofMillis(1500));
  }
}
