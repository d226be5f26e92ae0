package lbchaos.harness.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * A corpus of HTTP requests sent with curl from the client node to one LB's own address, and the
 * comparison of what two LBs answered: status, the backend whose webserver answered (its name in
 * the page), Location, and the body.
 */
final class HttpCorpus {

  private HttpCorpus() {}

  /** One request: method, path with query, headers as "Name: value". */
  record Probe(String method, String path, List<String> headers) {
    static Probe get(String path, String... headers) {
      return new Probe("GET", path, List.of(headers));
    }

    static Probe of(String method, String path, String... headers) {
      return new Probe(method, path, List.of(headers));
    }

    @Override
    public String toString() {
      return method + " " + path + (headers.isEmpty() ? "" : " " + headers);
    }
  }

  /**
   * What came back: the webserver's name ("-" when the proxy or no page named one); {@code
   * after} the answer's x-after header (an http-after-response rule's, "" without one).
   */
  record Seen(int status, String location, String after, String backend, String body) {}

  private static final String END = "@@lbchaos-end@@";

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("coming from backend (\\S+?)</h1>");

  /** One shell script that sends every probe to {@code address}, port 80, one connection each. */
  static String script(List<Probe> corpus, String address) {
    StringBuilder s = new StringBuilder();
    for (Probe p : corpus) {
      s.append("curl -s -i --max-time 5 ");
      s.append(p.method().equals("HEAD") ? "-I " : "-X " + Lab.quote(p.method()) + " ");
      for (String h : p.headers()) {
        s.append("-H ").append(Lab.quote(h)).append(' ');
      }
      s.append(Lab.quote("http://" + address + ":80" + p.path())).append("; printf '\\n")
          .append(END).append("\\n'\n");
    }
    return s.toString();
  }

  /** The answers in the script's output, in the corpus's order. */
  static List<Seen> parse(String out) {
    List<Seen> seen = new ArrayList<>();
    String[] parts = out.split("\n" + END + "\n", -1);
    for (int i = 0; i < parts.length - 1; i++) {
      seen.add(answer(parts[i]));
    }
    return seen;
  }

  static Seen answer(String raw) {
    int split = raw.indexOf("\r\n\r\n");
    String head = split < 0 ? raw : raw.substring(0, split);
    String body = split < 0 ? "" : raw.substring(split + 4);
    String[] lines = head.split("\r\n");
    int status = -1;
    if (lines.length > 0 && lines[0].startsWith("HTTP/")) {
      String[] f = lines[0].split(" ");
      status = f.length > 1 ? Integer.parseInt(f[1]) : -1;
    }
    String location = "";
    String after = "";
    for (String l : lines) {
      if (l.toLowerCase(Locale.ROOT).startsWith("location:")) {
        location = l.substring("location:".length()).strip();
      } else if (l.toLowerCase(Locale.ROOT).startsWith("x-after:")) {
        after = l.substring("x-after:".length()).strip();
      }
    }
    Matcher m = NAME.matcher(body);
    return new Seen(status, location, after, m.find() ? m.group(1) : "-", body);
  }

  /** Every probe whose answers differ, with both; empty when they agree on all. */
  static List<String> differences(List<Probe> corpus, List<Seen> expected, List<Seen> actual) {
    List<String> out = new ArrayList<>();
    if (expected.size() != corpus.size() || actual.size() != corpus.size()) {
      out.add("answers: " + expected.size() + " and " + actual.size() + " for " + corpus.size()
          + " requests");
      return out;
    }
    for (int i = 0; i < corpus.size(); i++) {
      Seen e = expected.get(i);
      Seen a = actual.get(i);
      if (e.status() != a.status() || !e.location().equals(a.location())
          || !e.after().equals(a.after()) || !e.backend().equals(a.backend())
          || !e.body().equals(a.body())) {
        out.add(corpus.get(i) + ": status " + e.status() + " backend " + e.backend()
            + " location '" + e.location() + "' x-after '" + e.after() + "' vs status "
            + a.status() + " backend " + a.backend() + " location '" + a.location()
            + "' x-after '" + a.after() + "'"
            + (e.body().equals(a.body()) ? "" : " (bodies differ)"));
      }
    }
    return out;
  }
}
