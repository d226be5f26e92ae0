package lbchaos.proxy.net;

/**
 * Fired down every session's pipeline when the proxy begins a graceful stop (haproxy's soft
 * stop, SIGUSR1 there and SIGTERM here). Sessions that have nothing in flight may close at once;
 * the others finish what they carry and then close. TCP sessions ignore it: haproxy lets them
 * run to their end, or to hard-stop-after.
 */
enum SoftStop {
  INSTANCE
}
