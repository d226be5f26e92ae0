package lbchaos.report.model;

/**
 * One request as a proxy logged it (its access log): the server it chose and its timers, for
 * the per-request table of a scenario.
 *
 * @param proxy who logged it ("loadbalancer-1")
 * @param server the server chosen, or "&lt;NOSRV&gt;"
 * @param timers haproxy's timer names and values as its log line has them ("TR/Tw/Tc/Tr/Ta
 *     0/0/1/2/3" for http, "Tw/Tc/Tt 0/1/3" for tcp), milliseconds, -1 for a step not reached
 * @param status the HTTP status, -1 for tcp
 * @param termination haproxy's termination state ("--", "SC", "----")
 * @param request the request line, "" for tcp
 */
public record AccessRow(long atMicros, String proxy, String client, String frontend,
    String backend, String server, String timers, int status, long bytes, String termination,
    String request) {

  public AccessRow {
    Checks.text(proxy, "proxy");
    Checks.text(server, "server");
    timers = timers == null ? "" : timers;
    request = request == null ? "" : request;
  }
}
