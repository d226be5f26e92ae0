package lbchaos.proxy.net;

import java.util.function.Consumer;
import java.util.function.IntSupplier;
import lbchaos.event.AccessLog;
import lbchaos.event.Event;
import lbchaos.proxy.config.Frontend;
import lbchaos.proxy.log.AccessLogConfig;
import lbchaos.proxy.log.LogSender;

/**
 * Logs a frontend's requests as haproxy's access log does: one line in the frontend's format to
 * its targets, once the request (http) or connection (tcp) has ended; and the same facts as an
 * {@link AccessLog} event for the History.
 */
final class AccessLogger {

  private final Frontend frontend;
  private final AccessLogConfig config;
  private final LogSender sender;
  private final Consumer<Event> events;
  private final String source;
  private final ServerStats frontendStats;
  private final IntSupplier actconn;

  AccessLogger(Frontend frontend, AccessLogConfig config, LogSender sender,
      Consumer<Event> events, String source, ServerStats frontendStats, IntSupplier actconn) {
    this.frontend = frontend;
    this.config = config;
    this.sender = sender;
    this.events = events;
    this.source = source;
    this.frontendStats = frontendStats;
    this.actconn = actconn;
  }

  /**
   * @param pool the backend, null when the frontend has none
   * @param client "ip:port"
   * @param status the status sent to the client, -1 (tcp, or no answer)
   * @param request the request line, "" for tcp
   */
  void log(AccessStamps s, BackendPool pool, String client, int status, String request) {
    if (s.logged) {
      return;
    }
    s.logged = true;
    long end = System.nanoTime();
    boolean http = frontend.mode() == lbchaos.proxy.config.Mode.HTTP;
    long from = http ? (s.request != 0 ? s.request : s.headers) : s.start;
    String backend = pool == null ? frontend.name() : pool.config().name();
    String server = s.server == null ? AccessLog.NO_SERVER : s.server.name();
    int tw = AccessStamps.millis(from, s.picked);
    int tc = s.picked != 0 && s.connected == s.picked ? 0 : AccessStamps.millis(s.picked,
        s.connected);
    // haproxy counts the stream it logs in %ac and %fc; a tcp session is logged after its
    // client's close was already counted out of the frontend
    int self = http ? 0 : 1;
    AccessLog a = new AccessLog(s.startMicros, source, http ? "http" : "tcp", client,
        frontend.name(), backend, server,
        http ? AccessStamps.millis(s.start, s.headers) : -1, tw, tc,
        http ? AccessStamps.millis(s.connected, s.responded) : -1,
        AccessStamps.millis(s.start, end), http ? status : -1, s.bytesOut,
        http ? s.state + "--" : s.state, actconn.getAsInt() + self,
        (int) frontendStats.scur.get() + self, pool == null ? 0 : (int) pool.total().scur.get(),
        pool == null || s.server == null ? 0 : (int) pool.stats(s.server).scur.get(),
        s.retries, 0, 0, request);
    sender.send(config.format().render(a), a.at());
    events.accept(a);
  }
}
