package lbchaos.event;

/**
 * One request (mode http) or one connection (mode tcp) that a proxy logged, with what haproxy
 * 2.6's httplog and tcplog formats carry (configuration.txt 8.2.2, 8.2.3, timers 8.4): which
 * server the proxy chose and how long each step took. The Java proxy emits it for every line it
 * logs; for haproxy, the harness parses its log line into the same record.
 *
 * <p>{@code at} is the accept date of the line ({@code %t}/{@code %tr}), millisecond resolution
 * as haproxy writes it. Timers are milliseconds, -1 where haproxy writes -1 (the step was never
 * reached); a timer the format does not carry is -1 too.
 *
 * @param mode "http" or "tcp"
 * @param client the client's "ip:port" ({@code %ci:%cp})
 * @param frontend {@code %ft}
 * @param backend {@code %b}
 * @param server {@code %s}; "&lt;NOSRV&gt;" when no server was chosen
 * @param tR time to receive the request headers (http; Tq in older versions)
 * @param tw time waiting in queues
 * @param tc time to connect to the server (all attempts)
 * @param tr time the server took to send its response headers (http)
 * @param ta active time of the request, up to its last byte (http); tcplog's Tt (total)
 * @param status HTTP status sent to the client, -1 for mode tcp
 * @param bytes bytes sent to the client ({@code %B})
 * @param termination {@code %tsc} (4 characters, http) or {@code %ts} (2, tcp): "----", "SC--"
 * @param retries {@code %rc}, without haproxy's "+" of a redispatch
 * @param request the request line ({@code %r}, http), "" for tcp
 */
public record AccessLog(long at, String source, String mode, String client, String frontend,
    String backend, String server, int tR, int tw, int tc, int tr, int ta, int status, long bytes,
    String termination, int actconn, int feconn, int beconn, int srvconn, int retries,
    int srvQueue, int backendQueue, String request) implements Event {

  /** haproxy's name for "no server was chosen" ({@code %s}). */
  public static final String NO_SERVER = "<NOSRV>";

  /** Whether a server was chosen (it may still have failed). */
  public boolean hasServer() {
    return !server.equals(NO_SERVER);
  }

  /** The termination state's first two characters: "--" for a normal end, "SC", "sH", ... */
  public String state() {
    return termination.length() >= 2 ? termination.substring(0, 2) : termination;
  }
}
