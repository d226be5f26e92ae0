package lbchaos.proxy.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stats page as HTML, in the layout of haproxy's (one table per proxy: its FRONTEND row, its
 * servers, its BACKEND row; queue, sessions, bytes, errors, warnings and server columns), read
 * from the CSV {@link StatsRender} writes: one set of counters, two renderings.
 */
final class StatsHtml {

  /** Column title, CSV field it shows. */
  private static final String[][] COLUMNS = {
      {"Queue Cur", "qcur"}, {"Queue Max", "qmax"}, {"Sessions Cur", "scur"},
      {"Sessions Max", "smax"}, {"Sessions Limit", "slim"}, {"Sessions Total", "stot"},
      {"LbTot", "lbtot"}, {"Bytes In", "bin"}, {"Bytes Out", "bout"}, {"Errors Conn", "econ"},
      {"Warnings Retr", "wretr"}, {"Warnings Redis", "wredis"}, {"Status", "status"},
      {"LastChk", "check_status"}, {"Wght", "weight"}, {"Act", "act"}, {"Bck", "bck"},
      {"Chk", "chkfail"}, {"Dwn", "chkdown"}};

  private StatsHtml() {}

  static String render(String csv, String title) {
    List<String> lines = csv.lines().toList();
    List<String> header = Arrays.asList(lines.getFirst().replaceFirst("^# ", "").split(",", -1));
    Map<String, List<String[]>> byProxy = new LinkedHashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      byProxy.computeIfAbsent(f[0], x -> new ArrayList<>()).add(f);
    }
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        + "<title>Statistics Report for ").append(esc(title)).append("</title>"
        + "<style>table{border-collapse:collapse;margin-bottom:1em}th,td{border:1px solid #999;"
        + "padding:2px 6px;font:12px sans-serif}th{background:#20a0a0;color:#fff}"
        + "td.DOWN{background:#f66}td.UP{background:#cfc}td.MAINT,td.DRAIN{background:#ccf}"
        + "</style></head><body>\n<h1>Statistics Report for ").append(esc(title))
        .append("</h1>\n");
    byProxy.forEach((proxy, rows) -> {
      b.append("<table class=\"tbl\"><tr><th class=\"pxname\">").append(esc(proxy))
          .append("</th>");
      for (String[] c : COLUMNS) {
        b.append("<th>").append(c[0]).append("</th>");
      }
      b.append("</tr>\n");
      for (String[] f : rows) {
        b.append("<tr><td>").append(esc(f[1])).append("</td>");
        for (String[] c : COLUMNS) {
          int i = header.indexOf(c[1]);
          String v = i >= 0 && i < f.length ? f[i] : "";
          String cls = c[1].equals("status") ? " class=\"" + esc(v.split(" ")[0]) + "\"" : "";
          b.append("<td").append(cls).append('>').append(esc(v)).append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</table>\n");
    });
    return b.append("</body></html>\n").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
