package lbchaos.proxy.config;

import java.time.Duration;
import java.util.Optional;

/** Mutable server settings while parsing; "default-server" lines fill the template copy. */
final class ServerOptions {
  boolean check;
  Optional<Duration> inter = Optional.empty();
  Optional<Duration> fastinter = Optional.empty();
  Optional<Duration> downinter = Optional.empty();
  int fall = ServerCheck.DEFAULT_FALL;
  int rise = ServerCheck.DEFAULT_RISE;
  int weight = 1;
  boolean backup;
  boolean disabled;
  int maxconn;
  Optional<Integer> checkPort = Optional.empty();
  Observe.Layer observe = Observe.Layer.NONE;
  OnError onError = Observe.DEFAULT_ON_ERROR;
  int errorLimit = Observe.DEFAULT_ERROR_LIMIT;
  /** "ssl" true, "no-ssl" false, unset null (server.c use_ssl 1, -1, 0). */
  Boolean ssl;
  /** "check-ssl" true, "no-check-ssl" false, unset null. */
  Boolean checkSsl;
  boolean verify = true;
  boolean verifyGiven;
  Optional<String> caFile = Optional.empty();
  Optional<String> sni = Optional.empty();
  Optional<String> checkSni = Optional.empty();

  ServerOptions copy() {
    ServerOptions o = new ServerOptions();
    o.check = check;
    o.inter = inter;
    o.fastinter = fastinter;
    o.downinter = downinter;
    o.fall = fall;
    o.rise = rise;
    o.weight = weight;
    o.backup = backup;
    o.disabled = disabled;
    o.maxconn = maxconn;
    o.checkPort = checkPort;
    o.observe = observe;
    o.onError = onError;
    o.errorLimit = errorLimit;
    o.ssl = ssl;
    o.checkSsl = checkSsl;
    o.verify = verify;
    o.verifyGiven = verifyGiven;
    o.caFile = caFile;
    o.sni = sni;
    o.checkSni = checkSni;
    return o;
  }

  Server toServer(String name, String host, int port, int line) {
    Duration i = inter.orElse(ServerCheck.DEFAULT_INTER);
    ServerCheck c = new ServerCheck(check, i, fastinter.orElse(i), downinter.orElse(i), fall, rise,
        checkPort);
    boolean traffic = Boolean.TRUE.equals(ssl);
    // check.c init_srv_check: without a check port, checks use the traffic's transport unless
    // check-ssl or no-check-ssl says otherwise; with one, only check-ssl makes them TLS
    boolean checks = checkSsl != null ? checkSsl : checkPort.isEmpty() && traffic;
    if ((traffic || checks) && verify && caFile.isEmpty()) {
      // ssl_sock.c ssl_sock_prepare_srv_ssl_ctx: an alert, haproxy does not start
      throw new IllegalArgumentException(verifyGiven ? "verify is enabled but no CA file"
          + " specified." : "verify is enabled by default but no CA file specified. If you're"
          + " running on a LAN where you're certain to trust the server's certificate, please"
          + " set an explicit 'verify none' statement on the 'server' line, or use"
          + " 'ssl-server-verify none' in the global section to disable server-side"
          + " verifications by default.");
    }
    Optional<ServerTls> t = traffic
        ? Optional.of(new ServerTls(verify, caFile, sni, line)) : Optional.empty();
    Optional<ServerTls> ct = checks
        ? Optional.of(new ServerTls(verify, caFile, checkSni, line)) : Optional.empty();
    return new Server(name, host, port, c, weight, backup, disabled, maxconn,
        new Observe(observe, onError, errorLimit), line, t, ct);
  }
}
