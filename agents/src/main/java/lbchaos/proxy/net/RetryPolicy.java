package lbchaos.proxy.net;

import java.time.Duration;
import java.util.Optional;
import lbchaos.proxy.config.Backend;
import lbchaos.proxy.config.Balance;

/**
 * What haproxy 2.6 does after a failed connect, as pure logic (stream.c,
 * stream_choose_redispatch and back_handle_st_cer).
 *
 * <p>With "option redispatch", a retry goes to another server when the failed one is not UP,
 * on the retry the redispatch interval names (default -1: the last retry), or at once when the
 * algorithm is a round-robin kind (roundrobin, static-rr) and more than one active server is
 * up: the balancer is not deterministic there, so the particular server does not matter.
 *
 * <p>The turn-around delay of min(1 s, timeout connect) applies only after a connection error
 * (refused, unreachable), not after a connect timeout, and only when the retry goes to the
 * same server (or there is at most one active server).
 */
record RetryPolicy(Backend backend) {

  /**
   * @param retry the number of this retry, 1 for the first
   * @param serverUp whether the failed server is still UP by its health checks
   * @param activeUp how many active (non-backup) servers are UP
   */
  boolean redispatch(int retry, boolean serverUp, int activeUp) {
    if (!backend.redispatch()) {
      return false;
    }
    if (!serverUp) {
      return true;
    }
    int after = backend.redispatchInterval();
    boolean byInterval = after > 0 ? retry % after == 0
        : after < 0 && retry % (backend.retries() + 1 + after) == 0;
    boolean roundRobinKind = backend.balance() == Balance.ROUNDROBIN
        || backend.balance() == Balance.STATIC_RR;
    return byInterval || (roundRobinKind && activeUp > 1);
  }

  /** The wait before the retry: empty after a timeout or when the retry changes server. */
  Optional<Duration> turnaround(boolean timedOut, boolean redispatched, int activeUp) {
    if (timedOut || (redispatched && activeUp > 1)) {
      return Optional.empty();
    }
    return Optional.of(backend.timeouts().connect()
        .filter(c -> c.compareTo(Connector.MAX_TURNAROUND) < 0).orElse(Connector.MAX_TURNAROUND));
  }
}
