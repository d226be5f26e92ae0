package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.HaproxyConfigParser;
import org.junit.jupiter.api.Test;

/** haproxy 2.6's retry and redispatch decisions (stream_choose_redispatch, back_handle_st_cer). */
class RetryPolicyTest {

  private static RetryPolicy policy(String balance, String options) throws Exception {
    String cfg = "defaults\n  mode tcp\n  timeout connect 500ms\n  retries 3\n"
        + "backend b\n  balance " + balance + "\n" + options
        + "  server s1 10.0.0.1:80 check\n  server s2 10.0.0.2:80 check\n";
    Backend be = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), cfg).backend("b").orElseThrow();
    return new RetryPolicy(be);
  }

  @Test
  void withoutRedispatchEveryRetryStaysOnTheServer() throws Exception {
    RetryPolicy p = policy("roundrobin", "");
    for (int retry = 1; retry <= 3; retry++) {
      assertThat(p.redispatch(retry, false, 1)).as("retry %d, server down", retry).isFalse();
    }
  }

  @Test
  void roundRobinKindsRedispatchAtOnceWhenAnotherActiveServerIsUp() throws Exception {
    for (String algo : new String[] {"roundrobin", "static-rr"}) {
      RetryPolicy p = policy(algo, "  option redispatch\n");
      assertThat(p.redispatch(1, true, 2)).as("%s, first retry, two servers up", algo).isTrue();
      assertThat(p.redispatch(1, true, 1)).as("%s, only this server up: wait for the last retry",
          algo).isFalse();
      assertThat(p.redispatch(3, true, 1)).as("%s, the last retry (interval -1)", algo).isTrue();
    }
    RetryPolicy lc = policy("leastconn", "  option redispatch\n");
    assertThat(lc.redispatch(1, true, 2)).as("leastconn is not a round-robin kind").isFalse();
    assertThat(lc.redispatch(1, false, 2)).as("but a server marked DOWN is left at once").isTrue();
  }

  @Test
  void theRedispatchIntervalCountsRetries() throws Exception {
    RetryPolicy every2 = policy("leastconn", "  option redispatch 2\n");
    assertThat(every2.redispatch(1, true, 2)).as("interval 2, retry 1").isFalse();
    assertThat(every2.redispatch(2, true, 2)).as("interval 2, retry 2").isTrue();
    RetryPolicy off = policy("roundrobin", "  option redispatch 0\n");
    assertThat(off.redispatch(1, false, 2)).as("'option redispatch 0' disables it").isFalse();
  }

  @Test
  void theTurnAroundDelayFollowsOnlyAnErrorOnTheSameServer() throws Exception {
    RetryPolicy p = policy("roundrobin", "  option redispatch\n");
    assertThat(p.turnaround(true, false, 2)).as("after a connect timeout").isEmpty();
    assertThat(p.turnaround(false, true, 2)).as("an error, redispatched among two").isEmpty();
    assertThat(p.turnaround(false, false, 2)).as("an error, same server: min(1 s, connect)")
        .contains(Duration.ofMillis(500));
    assertThat(p.turnaround(false, true, 1)).as("redispatched with one active server")
        .contains(Duration.ofMillis(500));
  }
}
