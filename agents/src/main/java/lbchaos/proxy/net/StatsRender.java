package lbchaos.proxy.net;

import java.util.Locale;
import java.util.Map;
import lbchaos.proxy.balance.AdminState;
import lbchaos.proxy.balance.Member;
import lbchaos.proxy.config.Server;

/**
 * Renders counters as haproxy's CSV (the first 39 fields of haproxy 2.6 "show stat", header
 * line included, so readers that go by field name work) and as Prometheus text, with metric
 * names of haproxy's built-in exporter.
 */
final class StatsRender {

  static final String CSV_HEADER = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,"
      + "dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,"
      + "downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,"
      + "check_status,check_code,check_duration,\n";

  private StatsRender() {}

  static String csv(Map<String, ServerStats> frontends, Map<String, Integer> frontendLimits,
      Iterable<BackendPool> pools) {
    StringBuilder sb = new StringBuilder(CSV_HEADER);
    long pid = ProcessHandle.current().pid();
    int iid = 0;
    for (var e : frontends.entrySet()) {
      ServerStats s = e.getValue();
      row(sb, e.getKey(), "FRONTEND", 0, 0, s.scur.get(), s.smax.get(), frontendLimits.get(e.getKey()),
          s.stot.get(), s.bin.get(), s.bout.get(), 0, 0, 0, "OPEN", "", "", "", 0, 0, 0, pid, ++iid, 0,
          s.stot.get(), 0, "", "", "");
    }
    for (BackendPool p : pools) {
      iid++;
      int sid = 0;
      int act = 0;
      int bck = 0;
      int weight = 0;
      for (Member m : p.members()) {
        Server cfg = p.config().servers().get(m.index());
        ServerStats s = p.stats(m);
        boolean up = m.up();
        AdminState admin = m.admin();
        // haproxy counts the servers that take traffic, and shows a drained one's weight as it
        // is (seen on haproxy 2.6: RuntimeApiComparisonIT)
        int shownWeight = m.weight();
        if (m.takesTraffic()) {
          weight += m.weight();
          if (m.backup()) {
            bck++;
          } else {
            act++;
          }
        }
        String status = admin == AdminState.MAINT ? "MAINT"
            : up && admin == AdminState.DRAIN ? "DRAIN"
            : !cfg.check().enabled() ? "no check" : up ? "UP" : "DOWN";
        row(sb, p.config().name(), m.name(), 0, 0, s.scur.get(), s.smax.get(), m.maxconn(),
            s.stot.get(), s.bin.get(), s.bout.get(), s.econ.get(), s.wretr.get(), s.wredis.get(),
            status, shownWeight, m.backup() ? 0 : 1, m.backup() ? 1 : 0, s.chkfail.get(),
            s.chkdown.get(), s.lastchg.get(), pid, iid, ++sid, s.stot.get(), 2,
            cfg.check().enabled() ? s.checkStatus : "",
            s.checkCode > 0 ? Integer.toString(s.checkCode) : "",
            s.checkMillis >= 0 && cfg.check().enabled() ? Long.toString(s.checkMillis) : "");
      }
      ServerStats t = p.total();
      row(sb, p.config().name(), "BACKEND", t.qcur.get(), t.qmax.get(), t.scur.get(), t.smax.get(), 0,
          t.stot.get(), sum(p, true), sum(p, false), t.econ.get(), t.wretr.get(), t.wredis.get(),
          act + bck > 0 ? "UP" : "DOWN", weight, act, bck, 0, 0, 0, pid, iid, 0, t.stot.get(), 1,
          "", "", "");
    }
    return sb.toString();
  }

  private static long sum(BackendPool p, boolean in) {
    long n = 0;
    for (Member m : p.members()) {
      n += in ? p.stats(m).bin.get() : p.stats(m).bout.get();
    }
    return n;
  }

  @SuppressWarnings("checkstyle:ParameterNumber")
  private static void row(StringBuilder sb, String px, String sv, long qcur, long qmax, long scur,
      long smax, Object slim, long stot, long bin, long bout, long econ, long wretr, long wredis,
      String status, Object weight, Object act, Object bck, Object chkfail, Object chkdown,
      Object lastchg, long pid, int iid, int sid, long lbtot, int type, String chkStatus,
      String chkCode, String chkDuration) {
    Object[] f = {px, sv, qcur, qmax, scur, smax, slim == null || slim.equals(0) ? "" : slim, stot,
        bin, bout, "", "", "", type == 0 ? "" : econ, "", type == 0 ? "" : wretr,
        type == 0 ? "" : wredis, status, weight, act, bck, chkfail, chkdown, lastchg, "", "", pid,
        iid, sid, "", type == 0 ? "" : lbtot, "", type, "", "", "", chkStatus, chkCode,
        chkDuration};
    for (Object o : f) {
      sb.append(o).append(',');
    }
    sb.append('\n');
  }

  static String prometheus(Map<String, ServerStats> frontends, Iterable<BackendPool> pools) {
    StringBuilder sb = new StringBuilder();
    help(sb, "haproxy_frontend_current_sessions", "gauge", "Current number of active sessions.");
    frontends.forEach((n, s) -> line(sb, "haproxy_frontend_current_sessions", "proxy", n, null, s.scur.get()));
    help(sb, "haproxy_frontend_sessions_total", "counter", "Total number of sessions.");
    frontends.forEach((n, s) -> line(sb, "haproxy_frontend_sessions_total", "proxy", n, null, s.stot.get()));
    help(sb, "haproxy_backend_active_servers", "gauge", "Current number of active servers.");
    for (BackendPool p : pools) {
      long act = p.members().stream().filter(m -> m.up() && !m.backup()).count();
      line(sb, "haproxy_backend_active_servers", "proxy", p.config().name(), null, act);
    }
    String[][] server = {
        {"haproxy_server_status", "gauge", "Current status of the server (1 = UP)."},
        {"haproxy_server_current_sessions", "gauge", "Current number of active sessions."},
        {"haproxy_server_sessions_total", "counter", "Total number of sessions."},
        {"haproxy_server_connection_errors_total", "counter", "Total number of connection errors."},
        {"haproxy_server_retry_warnings_total", "counter", "Total number of retry warnings."},
        {"haproxy_server_redispatch_warnings_total", "counter", "Total number of redispatch warnings."},
        {"haproxy_server_check_failures_total", "counter", "Total number of failed checks."},
        {"haproxy_server_check_duration_seconds", "gauge", "Previous health check duration."},
        {"haproxy_server_bytes_in_total", "counter", "Current total of incoming bytes."},
        {"haproxy_server_bytes_out_total", "counter", "Current total of outgoing bytes."}};
    for (String[] metric : server) {
      help(sb, metric[0], metric[1], metric[2]);
      for (BackendPool p : pools) {
        for (Member m : p.members()) {
          ServerStats s = p.stats(m);
          Object v = switch (metric[0]) {
            case "haproxy_server_status" -> m.up() ? 1 : 0;
            case "haproxy_server_current_sessions" -> s.scur.get();
            case "haproxy_server_sessions_total" -> s.stot.get();
            case "haproxy_server_connection_errors_total" -> s.econ.get();
            case "haproxy_server_retry_warnings_total" -> s.wretr.get();
            case "haproxy_server_redispatch_warnings_total" -> s.wredis.get();
            case "haproxy_server_check_failures_total" -> s.chkfail.get();
            case "haproxy_server_check_duration_seconds" ->
                String.format(Locale.ROOT, "%.3f", Math.max(0, s.checkMillis) / 1000.0);
            case "haproxy_server_bytes_in_total" -> s.bin.get();
            default -> s.bout.get();
          };
          line(sb, metric[0], "proxy", p.config().name(), m.name(), v);
        }
      }
    }
    return sb.toString();
  }

  private static void help(StringBuilder sb, String name, String type, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(StringBuilder sb, String name, String k, String proxy, String server,
      Object v) {
    sb.append(name).append('{').append(k).append("=\"").append(proxy).append('"');
    if (server != null) {
      sb.append(",server=\"").append(server).append('"');
    }
    sb.append("} ").append(v).append('\n');
  }
}
