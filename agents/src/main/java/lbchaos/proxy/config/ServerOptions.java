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
    return o;
  }

  Server toServer(String name, String host, int port, int line) {
    Duration i = inter.orElse(ServerCheck.DEFAULT_INTER);
    ServerCheck c = new ServerCheck(check, i, fastinter.orElse(i), downinter.orElse(i), fall, rise,
        checkPort);
    return new Server(name, host, port, c, weight, backup, disabled, maxconn,
        new Observe(observe, onError, errorLimit), line);
  }
}
