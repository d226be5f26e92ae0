package lbchaos.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Outputs of Debian's wrk 4.1.0-3+b2, captured against a local server. */
class WrkResultTest {

  static final String KEEP_ALIVE = """
      Running 2s test @ http://127.0.0.1:18080/
        1 threads and 4 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     7.65ms    4.21ms  29.77ms   70.67%
          Req/Sec   527.30    164.88     1.07k    85.00%
        Latency Distribution
           50%    7.41ms
           75%   10.21ms
           90%   12.53ms
           99%   21.06ms
        1055 requests in 2.00s, 3.19MB read
      Requests/sec:    526.25
      Transfer/sec:      1.59MB
      """;

  static final String ERRORS = """
      Running 1s test @ http://127.0.0.1:18080/nonexistent
        1 threads and 2 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     3.97ms    6.12ms  40.00ms   90.92%
          Req/Sec   800.70    197.39     1.00k    40.00%
        Latency Distribution
           50%  812.00us
           75%    3.65ms
           90%    9.01ms
           99%    1.02s
        799 requests in 1.00s, 405.74KB read
        Socket errors: connect 0, read 3, write 0, timeout 2
        Non-2xx or 3xx responses: 799
      Requests/sec:    796.45
      Transfer/sec:    404.45KB
      """;

  @Test
  void readsRateAndPercentiles() {
    WrkResult r = WrkResult.parse(KEEP_ALIVE);
    assertThat(r.requests()).isEqualTo(1055);
    assertThat(r.requestsPerSecond()).isEqualTo(526.25);
    assertThat(r.p50Millis()).isEqualTo(7.41);
    assertThat(r.p99Millis()).isEqualTo(21.06);
    assertThat(r.errors()).isZero();
  }

  @Test
  void convertsUnitsAndCountsEveryKindOfError() {
    WrkResult r = WrkResult.parse(ERRORS);
    assertThat(r.p50Millis()).isCloseTo(0.812, within(1e-9));
    assertThat(r.p99Millis()).isEqualTo(1020.0);
    assertThat(r.errors()).isEqualTo(3 + 2 + 799);
  }

  @Test
  void saysWhatIsMissing() {
    assertThatThrownBy(() -> WrkResult.parse("unable to connect to 10.0.0.5:80 Connection refused"))
        .hasMessageContaining("no request count").hasMessageContaining("Connection refused");
    assertThatThrownBy(() -> WrkResult.parse(KEEP_ALIVE.replaceAll("(?m)^\\s+\\d+%.*\\n", "")))
        .hasMessageContaining("50% latency (was --latency given?)");
  }
}
