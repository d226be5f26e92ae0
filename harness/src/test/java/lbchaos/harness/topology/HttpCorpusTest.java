package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lbchaos.harness.topology.HttpCorpus.Probe;
import lbchaos.harness.topology.HttpCorpus.Seen;
import org.junit.jupiter.api.Test;

/** The comparison AclRoutingComparisonIT relies on: it finds each kind of difference. */
class HttpCorpusTest {

  static final String PAGE = "<h1>This is coming from backend webserver-2</h1>\n";

  @Test
  void readsStatusBackendAndLocationFromCurlOutput() {
    String out = "HTTP/1.1 200 OK\r\ndate: x\r\n\r\n" + PAGE + "\n@@lbchaos-end@@\n"
        + "HTTP/1.1 301 Moved Permanently\r\nLocation: https://a/b\r\nx-after: 301\r\n"
        + "content-length: 0\r\n\r\n"
        + "\n@@lbchaos-end@@\n" + "\n@@lbchaos-end@@\n";
    List<Seen> s = HttpCorpus.parse(out);
    assertThat(s).extracting(Seen::status, Seen::backend, Seen::location, Seen::after)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(200, "webserver-2", "", ""),
            org.assertj.core.groups.Tuple.tuple(301, "-", "https://a/b", "301"),
            org.assertj.core.groups.Tuple.tuple(-1, "-", "", ""));
  }

  @Test
  void everyKindOfDifferenceIsCaught() {
    List<Probe> corpus = List.of(Probe.get("/a"), Probe.get("/b"), Probe.get("/c"),
        Probe.get("/d"), Probe.get("/e"));
    List<Seen> haproxy = List.of(new Seen(200, "", "", "webserver-1", PAGE),
        new Seen(302, "/x", "", "-", ""), new Seen(403, "", "", "-", "denied"),
        new Seen(200, "", "", "webserver-3", PAGE), new Seen(200, "", "200", "-", "ok"));
    assertThat(HttpCorpus.differences(corpus, haproxy, haproxy)).as("the same").isEmpty();
    List<Seen> agent = List.of(new Seen(200, "", "", "webserver-2", PAGE),
        new Seen(302, "/y", "", "-", ""), new Seen(404, "", "", "-", "denied"),
        new Seen(200, "", "", "webserver-3", PAGE + "x"), new Seen(200, "", "", "-", "ok"));
    assertThat(HttpCorpus.differences(corpus, haproxy, agent)).as("backend, location, status,"
        + " body, x-after").hasSize(5);
    assertThat(HttpCorpus.differences(corpus, haproxy, agent.subList(0, 3)))
        .as("a missing answer").hasSize(1);
  }

  @Test
  void theScriptQuotesWhatTheShellWouldRead() {
    String s = HttpCorpus.script(List.of(Probe.of("HEAD", "/it's"), Probe.of("PUT", "/",
        "X-A: a b")), "10.0.0.2");
    assertThat(s).contains("curl -s -i --max-time 5 -I 'http://10.0.0.2:80/it'\\''s'")
        .contains("-X 'PUT' -H 'X-A: a b' 'http://10.0.0.2:80/'");
  }
}
