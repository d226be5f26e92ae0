package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import lbchaos.harness.junit.LbChaos;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.topology.HttpCorpus.Probe;
import lbchaos.harness.topology.HttpCorpus.Seen;
import org.junit.jupiter.api.Test;

/**
 * ACL routing of the proxy agent against haproxy 2.6's on the mixed stack: both LBs run
 * acl/haproxy.cfg (three backends, http-request deny/return/redirect/set-header/del-header,
 * redirect and use_backend if|unless rules, Debian's errorfiles for a deny and a 503); the
 * same corpus of requests goes from the client to each LB's own address (not the VIP), and
 * each request must get the same status, the same backend (the answering webserver's name), the
 * same Location and the same body from both.
 * Then requests that haproxy's h1 mux answers itself or holds in order ({@link #RAW}): each
 * must get the same statuses, in the same order, from both. The config names a page of its own,
 * a pattern file and a certificate nobody gave: the first two come from beside it, the third is
 * made for the run.
 */
@LbChaos(stack = Stack.MIXED, keepalived = {"src/test/resources/team/lb1.conf",
    "src/test/resources/team/lb2.conf"}, haproxy = "src/test/resources/acl/haproxy.cfg")
class AclRoutingComparisonIT {

  static final List<Probe> CORPUS = List.of(
      Probe.get("/"), Probe.get("/index.html"), Probe.get("/index.html", "Host: www.example"),
      Probe.get("/?api=1"), Probe.get("/?x=1&api=2"), Probe.get("/", "Host: api.example"),
      Probe.get("/", "Host: API.Example.com"), Probe.get("/", "Host: www.api.example"),
      Probe.get("/admin"), Probe.get("/admin/x", "X-Token: t"), Probe.get("/admin?api=1"),
      Probe.get("/", "X-Flood: a", "X-Flood: b"), Probe.get("/", "X-Flood: a, b"),
      Probe.get("/", "X-Flood: a"), Probe.get("/ping"), Probe.get("/ping?x"),
      Probe.of("OPTIONS", "/"), Probe.get("/", "Host: secure.example"),
      Probe.get("/a/b?c=d", "Host: secure.example"), Probe.get("/old/page?q=1"),
      Probe.get("/old"), Probe.get("/home"), Probe.get("/down"),
      Probe.get("/down", "Host: secure.example"), Probe.get("/ping", "Host: secure.example"),
      Probe.get("/home", "X-Route: static"), Probe.get("/?route=static"),
      Probe.get("/?route=static", "X-Drop: yes"), Probe.get("/?route=staticX"),
      Probe.get("/", "X-Route: static"), Probe.get("/", "X-Route: static", "X-Drop: yes"),
      Probe.get("/", "X-Route: Static"), Probe.get("/style.css"),
      Probe.get("/static/private/x"), Probe.get("/static/ok"), Probe.of("POST", "/"),
      Probe.of("PUT", "/"), Probe.of("DELETE", "/"), Probe.of("HEAD", "/"),
      Probe.of("HEAD", "/index.html"), Probe.get("/API7"), Probe.get("/api7"),
      Probe.get("/api7x"), Probe.get("/x"), Probe.get("/xy"), Probe.get("/?maint=1"),
      Probe.get("/?api=1&maint=1"), Probe.get("/index.html?maint=1"),
      Probe.get("/index.html?api=1"), Probe.get("/INDEX.HTML"),
      Probe.get("/index.html", "Host: api.example"), Probe.get("/", "X-Token:"),
      Probe.get("/%41PI1"), Probe.get("/static/x.html"), Probe.get("/", "Cookie: user=a"),
      Probe.get("/", "Cookie: x=1; user=a"), Probe.get("/", "Cookie: User=a"),
      Probe.get("/", "Cookie: user=b", "Cookie: user = a "), Probe.get("/", "Cookie: $user=a"),
      Probe.get("/", "Cookie: id=1", "Cookie: id=2"), Probe.get("/", "Cookie: id=1, id=2"),
      Probe.get("/", "Cookie: id=1; $id=2"), Probe.get("/", "Cookie: n=+5"),
      Probe.get("/", "Cookie: n=-5x"), Probe.get("/", "Cookie: n=5"),
      Probe.get("/", "Cookie: route=api1"), Probe.get("/", "Cookie: a=1, route="),
      Probe.get("/", "X-Backend: static"), Probe.get("/api7", "X-Backend: nosuch"),
      Probe.get("/", "X-Backend: API"), Probe.get("/", "X-Backend: api"),
      Probe.get("/", "Host: API.test:8080"), Probe.get("/", "Host: api.test"),
      Probe.get("/", "Host: api.testx"), Probe.get("/legacy/index.html"), Probe.get("/legacyx"),
      Probe.get("/legacy/x/..%2F"),
      Probe.get("/index.html?version=2&x=1"), Probe.get("/legacy/index.html?version=1"),
      Probe.get("/", "Cookie: route=static"), Probe.get("/", "Cookie: route=x; route=static"),
      Probe.get("/", "Cookie: route=static; route=x"),
      Probe.get("/?lang=EN"), Probe.get("/?lang=fr;lang=en"), Probe.get("/?xlang=en"),
      Probe.get("/?Lang=en"), Probe.get("/?lang"), Probe.get("/?page=11"),
      Probe.get("/?page=9"), Probe.get("/?page=+20"), Probe.get("/p:a=1?x"),
      Probe.get("/p:a=1"), Probe.get("/v1/x", "Host: api.example"),
      Probe.get("/v2", "Host: api.example"), Probe.get("/ends"), Probe.get("/made", "X-Who: me"),
      Probe.get("/quiet"), Probe.get("/legal"), Probe.get("/count", "X-User: ann"),
      Probe.get("/count", "X-User: ann"), Probe.get("/admin", "X-User: ann"),
      Probe.get("/count", "X-User: ann"), Probe.get("/count", "X-User: bob"),
      Probe.get("/count"), Probe.get("/gone"), Probe.get("/.env"), Probe.get("/wp-login.php"),
      Probe.get("/wp-login.phpx"), Probe.get("/server-status"), Probe.get("/scanners"));

  static final String HAPROXY = "loadbalancer-1";
  static final String AGENT = "loadbalancer-2";

  List<Seen> send(Session s, String lb, List<Probe> corpus) {
    Lab lab = s.lab();
    String address = lab.plan().lbs().get(lb.equals(HAPROXY) ? 0 : 1);
    var r = lab.client().exec(Duration.ofSeconds(120), "sh", "-c",
        HttpCorpus.script(corpus, address));
    assertThat(r.ok()).as("curl on the client: " + r.stderr()).isTrue();
    // apache's error pages name the Host the request came with: the LB's own address by default
    return HttpCorpus.parse(r.stdout().replace(address, "LB-ADDRESS"));
  }

  @Test
  void theSameRequestsGetTheSameAnswersFromBoth(Session s) {
    // every backend answering on both, with webserver 1 first in "web" (balance first): the
    // health checks (inter 1s, rise 2) have had time to agree; 30 s covers the start-up
    List<Probe> ready = List.of(Probe.get("/"), Probe.get("/index.html"), Probe.get("/?api=1"));
    await("each backend answers on both LBs").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
          List<Seen> h = send(s, HAPROXY, ready);
          List<Seen> a = send(s, AGENT, ready);
          return h.stream().allMatch(x -> x.status() == 200) && a.equals(h)
              && h.stream().map(Seen::backend).distinct().count() == 3;
        });
    List<Seen> haproxy = send(s, HAPROXY, CORPUS);
    List<Seen> agent = send(s, AGENT, CORPUS);
    assertThat(haproxy).as("haproxy answered every request").hasSize(CORPUS.size());
    // the corpus exercises what it is meant to: three backends, the rules' own answers
    assertThat(haproxy.stream().map(Seen::backend).filter(b -> !b.equals("-")).distinct())
        .as("backends seen").hasSize(3);
    assertThat(haproxy.stream().map(Seen::status).collect(Collectors.toSet()))
        .as("statuses haproxy gave").contains(200, 204, 301, 302, 307, 403, 404, 429, 503);
    assertThat(HttpCorpus.differences(CORPUS, haproxy, agent))
        .as("requests the agent answered otherwise than haproxy").isEmpty();
    assertThat(haproxy.get(CORPUS.indexOf(Probe.get("/static/private/x"))).body())
        .as("the backend's own 404 page, put in the LBs from beside the config")
        .contains("<h1>not here</h1>");
    assertThat(haproxy.get(CORPUS.indexOf(Probe.get("/wp-login.php"))).status())
        .as("a path of the pattern file beside the config").isEqualTo(403);
    assertThat(java.util.stream.Stream.of("/ping", "/wp-login.php", "/index.html")
        .map(p -> haproxy.get(CORPUS.indexOf(Probe.get(p))).after()))
        .as("http-after-response on a return, a deny's page and a server's answer")
        .containsExactly("200", "403", "200");
  }

  /**
   * The TLS frontend's certificate, which nobody gave, is one the harness made for the run:
   * both proxies start with it and answer through it (the client does not verify it).
   */
  @Test
  void aCertificateTheConfigNamesAndNobodyGaveIsMadeForTheRun(Session s) {
    Lab lab = s.lab();
    for (String address : lab.plan().lbs()) {
      await("https on " + address + ":8443").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1)).until(() -> lab.client().exec(
              Duration.ofSeconds(20), "curl", "-sk", "--max-time", "5", "-o", "/dev/null",
              "-w", "%{http_code}", "https://" + address + ":8443/index.html").stdout(),
              "200"::equals);
    }
  }

  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }

  /** A request for "/" with two header lines of {@code n} bytes each. */
  static String twoHeaders(int n) {
    return "GET / HTTP/1.1\r\nHost: x\r\nX-A: " + "a".repeat(n) + "\r\nX-B: " + "b".repeat(n)
        + "\r\n\r\n";
  }

  /**
   * Raw requests, each on a connection of its own that the client half-closes once it has sent
   * them: unparsable ones, pipelined ones (a backend's 404 before a rule's own 200: answered
   * as they come, the 200 would go first), whole ones before the FIN, and ones the FIN cuts
   * short, down to nothing at all; then what haproxy's parser reads that Netty's defaults did
   * not: a long request line (apache's limit is 8190), bare LFs, chunks with a length, and a
   * head just inside and just outside haproxy's buffer (15360 bytes); then upgrade requests;
   * then Host lines that differ or say the same, and absolute targets that name another host
   * or the same one with its default port.
   */
  static final List<String> RAW = List.of("BLAH\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n", get("/nope") + get("/ping"),
      get("/ping") + get("/nope") + get("/index.html"), get("/nope") + "GET / HTTP/1.1\r\nHo",
      "GET / HT", "GET / HTTP/1.1\r\nHost: x\r\n", "", get("/?" + "q".repeat(7000)),
      "GET /index.html HTTP/1.1\nHost: x\n\n",
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5\r\nhello\r\n0\r\n\r\n",
      twoHeaders(7600), twoHeaders(7700),
      upgrade("websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="),
      upgrade("websocket"), upgrade("foo/2"),
      "GET /index.html HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
      "GET /index.html HTTP/1.1\r\nHost: a\r\nHost: A\r\n\r\n",
      "GET http://b/index.html HTTP/1.1\r\nHost: a\r\n\r\n",
      "GET http://a:80/index.html HTTP/1.1\r\nHost: a\r\n\r\n");

  /**
   * A request to upgrade to {@code protocol} (its value, and any headers after it): apache
   * answers it as a plain GET, so both pass that answer on; a WebSocket one without its key is
   * haproxy's 400.
   */
  static String upgrade(String protocol) {
    return "GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: " + protocol
        + "\r\n\r\n";
  }

  /** The statuses each raw request got from {@code lb}, one line per request. */
  List<String> sendRaw(Session s, String lb) {
    Lab lab = s.lab();
    String address = lab.plan().lbs().get(lb.equals(HAPROXY) ? 0 : 1);
    StringBuilder script = new StringBuilder();
    for (String raw : RAW) {
      // nc -N: shut the sending side down at the end of its input; -w 10: past the 400s
      // expected at once, well short of "timeout client" (30 s)
      script.append("printf '%s' ").append(Lab.quote(raw)).append(" | nc -N -w 10 ")
          .append(address).append(" 80 | grep -a -o 'HTTP/1\\.[01] [0-9]*' | tr '\\n' ' ';")
          .append(" echo\n");
    }
    var r = lab.client().exec(Duration.ofSeconds(120), "sh", "-c", script.toString());
    assertThat(r.ok()).as("nc on the client: " + r.stderr()).isTrue();
    return r.stdout().lines().map(String::strip).toList();
  }

  /** What haproxy answers to each of {@link #RAW}, one line per connection. */
  static final List<String> RAW_ANSWERS = List.of("HTTP/1.1 400", "HTTP/1.1 400",
      "HTTP/1.1 404 HTTP/1.1 200", "HTTP/1.1 200 HTTP/1.1 404 HTTP/1.1 200",
      "HTTP/1.1 404 HTTP/1.1 400", "HTTP/1.1 400", "HTTP/1.1 400", "HTTP/1.1 400",
      "HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 400",
      "HTTP/1.1 200", "HTTP/1.1 400", "HTTP/1.1 200", "HTTP/1.1 400", "HTTP/1.1 200",
      "HTTP/1.1 400", "HTTP/1.1 200");

  /**
   * The answers haproxy may give to a raw request: all of them, or only the first when the
   * client's FIN reaches it while that first request is answered (haproxy 2.6 and 3.0 alike:
   * 15-23 % of 100 tries with nc -N on each pipelined case, none when the FIN comes 20 ms after
   * the requests). The agent answers them all, as haproxy does when the FIN comes with the
   * requests or after the answers.
   */
  static List<String> haproxyMayAnswer(String answer) {
    String first = answer.replaceFirst("^(HTTP/1\\.[01] [0-9]+) .*$", "$1");
    return first.equals(answer) ? List.of(answer) : List.of(answer, first);
  }

  @Test
  void theSameRawRequestsGetTheSameAnswersFromBoth(Session s) {
    await("both LBs answer").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().until(() -> send(s, HAPROXY, List.of(Probe.get("/"))).getFirst()
            .status() == 200 && send(s, AGENT, List.of(Probe.get("/"))).getFirst().status() == 200);
    List<String> haproxy = sendRaw(s, HAPROXY);
    List<String> agent = sendRaw(s, AGENT);
    // what haproxy does with them, so that a change of haproxy's is seen as such
    assertThat(haproxy).as("haproxy's answers").hasSameSizeAs(RAW_ANSWERS);
    for (int i = 0; i < RAW.size(); i++) {
      assertThat(haproxy.get(i)).as("haproxy's answer to %s", Lab.quote(RAW.get(i)))
          .isIn(haproxyMayAnswer(RAW_ANSWERS.get(i)));
    }
    assertThat(agent).as("the agent's answers, request by request").isEqualTo(RAW_ANSWERS);
  }
}
