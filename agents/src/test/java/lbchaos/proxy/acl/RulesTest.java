package lbchaos.proxy.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.config.ConfigException;
import lbchaos.config.JavaRefusal;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import org.junit.jupiter.api.Test;

/**
 * ACLs, conditions and http-request/redirect/use_backend rules as read from haproxy.cfg lines
 * and evaluated on request views, without sockets.
 */
class RulesTest {

  /** The lines go in a mode http frontend from line 8 on; backends a, b and c exist. */
  static String cfg(String lines) {
    return "defaults\n  mode http\n  timeout connect 1s\n  timeout client 1s\n"
        + "  timeout server 1s\nfrontend f\n  bind :80\n  " + lines.replace("\n", "\n  ")
        + "\n  default_backend a\nbackend a\n  server s 10.0.0.1:80\nbackend b\n"
        + "  server s 10.0.0.2:80\nbackend c\n  server s 10.0.0.3:80\n";
  }

  static HaproxyConfig parse(String lines) {
    return HaproxyConfigParser.parse(Path.of("haproxy.cfg"), cfg(lines));
  }

  static HttpRules rules(String lines) {
    HaproxyConfig c = parse(lines);
    assertThat(c.javaRefusals()).as("refusals of " + lines).isEmpty();
    return c.frontend("f").orElseThrow().rules();
  }

  static final int CLIENT_PORT = 40312;
  static final InetSocketAddress PROXY_END = new InetSocketAddress("10.0.0.2", 8080);

  static Request get(String uri, String... headers) {
    return req("GET", uri, "10.1.2.3", headers);
  }

  static Request req(String method, String uri, String src, String... headers) {
    List<Map.Entry<String, String>> h = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(Map.entry(headers[i], headers[i + 1]));
    }
    try {
      return new Request(method, uri, "1.1", h,
          new InetSocketAddress(InetAddress.getByName(src), CLIENT_PORT), PROXY_END, false);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether ACL "x", declared by {@code acl}, matches {@code r}. */
  static boolean matches(String acl, Request r) {
    return rules("acl x " + acl + "\nuse_backend b if x").backend(r).isPresent();
  }

  @Test
  void pathFetchesAndTheirMatches() {
    assertThat(matches("path /a/b.html", get("/a/b.html?q=1"))).as("path stops at ?").isTrue();
    assertThat(matches("path /a/b.html", get("http://h.example/a/b.html")))
        .as("path of an absolute URI").isTrue();
    assertThat(matches("path /a", get("/a/b"))).as("path is exact").isFalse();
    assertThat(matches("path_beg /static /img", get("/img/x.png"))).as("path_beg any").isTrue();
    assertThat(matches("path_end .png .jpg", get("/img/x.jpg?v=2"))).as("path_end").isTrue();
    assertThat(matches("path_sub mid", get("/a/middle/b"))).as("path_sub").isTrue();
    assertThat(matches("path_dir img", get("/a/img/b"))).as("path_dir, slash-delimited")
        .isTrue();
    assertThat(matches("path_dir im", get("/a/img/b"))).as("path_dir, not a part").isFalse();
    assertThat(matches("path_dom example", get("/www.example.com"))).as("path_dom").isTrue();
    assertThat(matches("path_reg ^/api/v[0-9]+/", get("/api/v2/x"))).as("path_reg").isTrue();
    assertThat(matches("path_len 3:5", get("/abcd"))).as("path_len in range").isTrue();
    assertThat(matches("path_len gt 10", get("/abcd"))).as("path_len gt").isFalse();
    assertThat(matches("path -i /ABC", get("/abc"))).as("-i").isTrue();
    assertThat(matches("path /ABC", get("/abc"))).as("case-sensitive by default").isFalse();
    assertThat(matches("url_beg /x?", get("/x?y"))).as("url keeps the query").isTrue();
    assertThat(matches("path -m beg /st", get("/static"))).as("-m beg on path").isTrue();
    assertThat(matches("path -m sub -i TAT", get("/static"))).as("-m sub with -i").isTrue();
    assertThat(matches("path -m reg -i ^/S", get("/static"))).as("-m reg with -i").isTrue();
    assertThat(matches("path -m len 7", get("/static"))).as("-m len").isTrue();
    assertThat(matches("path -m end -- -x", get("/a-x"))).as("-- ends the flags").isTrue();
  }

  @Test
  void queryHeadersMethodSrcAndSsl() {
    assertThat(matches("query a=1", get("/p?a=1"))).as("query").isTrue();
    assertThat(matches("query -m found", get("/p?"))).as("an empty query is found").isTrue();
    assertThat(matches("query -m found", get("/p"))).as("no ?, no query").isFalse();
    assertThat(matches("hdr(host) -i www.example.com", get("/", "Host", "WWW.example.com")))
        .as("hdr(host) -i").isTrue();
    assertThat(matches("hdr_beg(host) api.", get("/", "host", "api.example.com")))
        .as("hdr_beg, header names case-insensitive").isTrue();
    assertThat(matches("hdr_end(host) .org", get("/", "Host", "a.com"))).isFalse();
    assertThat(matches("hdr(x-t) two", get("/", "X-T", "one, two"))).as("each comma value")
        .isTrue();
    assertThat(matches("req.fhdr(x-t) two", get("/", "X-T", "one, two")))
        .as("req.fhdr takes the full line").isFalse();
    assertThat(matches("hdr(x-t,1) two", get("/", "X-T", "one, two"))).as("occurrence 1")
        .isFalse();
    assertThat(matches("hdr(x-t,-1) two", get("/", "X-T", "one, two"))).as("occurrence -1")
        .isTrue();
    assertThat(matches("hdr(x-t) -m found", get("/", "X-T", ""))).as("found, even empty")
        .isTrue();
    assertThat(matches("hdr(x-t) -m found", get("/"))).as("absent").isFalse();
    assertThat(matches("hdr_cnt(x-t) eq 2", get("/", "X-T", "a", "x-t", "b"))).as("hdr_cnt")
        .isTrue();
    assertThat(matches("hdr_cnt(x-t) 0", get("/"))).as("hdr_cnt of none is 0").isTrue();
    assertThat(matches("hdr_val(content-length) gt 0", get("/", "Content-Length", "12")))
        .as("hdr_val").isTrue();
    assertThat(matches("hdr_len(x) 3", get("/", "X", "abc"))).as("hdr_len").isTrue();
    assertThat(matches("method GET", req("GET", "/", "10.0.0.1"))).as("method").isTrue();
    assertThat(matches("method GET", req("get", "/", "10.0.0.1")))
        .as("a known method by name: get is another method").isFalse();
    assertThat(matches("method -i purge", req("PURGE", "/", "10.0.0.1")))
        .as("another method, -i").isTrue();
    assertThat(matches("src 10.1.0.0/16 192.168.0.1", get("/"))).as("src in a network")
        .isTrue();
    assertThat(matches("src 10.1.2.0/255.255.255.0", get("/"))).as("dotted mask").isTrue();
    assertThat(matches("src 10.2.0.0/16", get("/"))).isFalse();
    assertThat(matches("src ::ffff:10.1.2.3", get("/"))).as("v4 sample, v6 pattern mapped")
        .isTrue();
    assertThat(matches("src 10.1.2.3", req("GET", "/", "::ffff:10.1.2.3")))
        .as("v4-mapped v6 sample").isTrue();
    assertThat(matches("ssl_fc", get("/"))).as("no TLS on the agent's binds").isFalse();
  }

  /**
   * A sample read as text and a network's mask, one way each wherever the configuration names
   * them, as 2.6.12 did in the node image (hdr_ip of an X-IP header, the ACLs' results set as
   * variables and returned with lf-string).
   */
  @Test
  void samplesAsTextAndMasksAsHaproxyReadsThem() {
    Request v6 = get("/", "X-IP", "0:0:0:0:0:0:0:1");
    assertThat(matches("hdr_ip(x-ip) -m beg ::1", v6)).as("an IPv6 address as inet_ntop writes"
        + " it, compressed").isTrue();
    assertThat(matches("ssl_fc -m str 0", get("/"))).as("a boolean as 0 or 1").isTrue();
    assertThat(matches("hdr_ip(x-ip) 10.0.0.0/255.0.255.0", get("/", "X-IP", "10.9.0.7")))
        .as("a dotted mask with holes: the address and'ed with it").isTrue();
    assertThat(matches("hdr_ip(x-ip) 10.0.0.0/255.0.255.0", get("/", "X-IP", "10.0.1.7")))
        .isFalse();
    String[][] cases = {{"10.9.8.7", "10.0.8.0", "10.0.0.0"}, {"::1", "", "::"},
        {"fd12:3456::1", "", "fd12:3400::"}};
    for (String[] c : cases) {
      Request out = rules("http-request set-header X-M %[hdr_ip(x-ip),ipmask(255.0.255.0)]\n"
          + "http-request set-header X-M6 %[hdr_ip(x-ip),ipmask(8,ffff:ff00::)]")
          .apply(get("/", "X-IP", c[0])).request();
      assertThat(out.fullValues("x-m")).as(c[0]).containsExactly(c[1]);
      assertThat(out.fullValues("x-m6")).as(c[0] + " with an IPv6 mask").containsExactly(c[2]);
    }
  }

  /**
   * url_param, cookies, base and the connection's ends as haproxy 2.6 reads them (http.c,
   * http_fetch.c): each case is one that a looser reading (a decoded, case-folded or first-only
   * parameter; a cookie split on ';' alone; the Host without its path) would get wrong.
   */
  @Test
  void urlParamsCookiesBaseAndTheConnectionsEnds() {
    assertThat(matches("urlp(lang) en", get("/p?x=1&lang=en"))).as("urlp").isTrue();
    assertThat(matches("url_param(lang) en", get("/p?lang=fr;lang=en"))).as("';' separates,"
        + " and each occurrence is tried").isTrue();
    assertThat(matches("urlp(lang) en", get("/p?xlang=en"))).as("a longer name").isFalse();
    assertThat(matches("urlp(Lang) en", get("/p?lang=en"))).as("names are case-sensitive")
        .isFalse();
    assertThat(matches("urlp(lang) -m found", get("/p?lang"))).as("a name without '='")
        .isFalse();
    assertThat(matches("urlp(lang) e%6E", get("/p?lang=e%6E"))).as("not decoded").isTrue();
    assertThat(matches("urlp(a,:) 1?x", get("/p:a=1?x"))).as("a list after another character,"
        + " which ends a value instead of '?'").isTrue();
    assertThat(matches("urlp(a) -m found", get("/p:a=1?x"))).as("...not after '?'").isFalse();
    assertThat(matches("urlp 2", get("/p?a&b=2"))).as("no name: every value").isTrue();
    assertThat(matches("urlp_beg(id) ab", get("/?id=abc"))).as("urlp_beg").isTrue();
    assertThat(matches("urlp_val(page) gt 10", get("/?page=11"))).as("urlp_val").isTrue();
    assertThat(matches("urlp_val(page) -45", get("/?page=+5"))).as("strl2ic reads '+' as a"
        + " digit below zero, as haproxy does").isTrue();
    assertThat(matches("hdr_val(x-n) -45", get("/", "X-N", "+5"))).as("so does hdr_val")
        .isTrue();

    assertThat(matches("cook(user) a", get("/", "Cookie", "x=1; user=a"))).as("cook").isTrue();
    assertThat(matches("req.cook(user) a", get("/", "Cookie", "user=b", "Cookie", "user = a ")))
        .as("every Cookie header, spaces around '=' and the value dropped").isTrue();
    assertThat(matches("cook(user) a", get("/", "Cookie", "User=a"))).as("case-sensitive")
        .isFalse();
    assertThat(matches("cook(user) a", get("/", "Cookie", "$user=a"))).as("'$' attributes")
        .isFalse();
    assertThat(matches("cook_len(q) 5", get("/", "Cookie", "q=\"a;b\"; r=1")))
        .as("a quoted value whole, with its quotes").isTrue();
    assertThat(matches("cook_cnt(id) 2", get("/", "Cookie", "id=1, id=2; x=3")))
        .as("',' separates in a request").isTrue();
    assertThat(matches("cook_cnt(id) 0", get("/"))).as("none").isTrue();
    assertThat(matches("cook_val(n) 12", get("/", "Cookie", "n=12x"))).as("cook_val").isTrue();
    assertThat(matches("cook_beg(route) api", get("/", "Cookie", "route=api1")))
        .as("cook_beg").isTrue();
    assertThat(matches("cook 2", get("/", "Cookie", "a=1; b=2"))).as("no name: every value")
        .isTrue();
    assertThat(matches("cook(b) -m found", get("/", "Cookie", "a=1, b="))).as("haproxy does not"
        + " look at a last pair no longer than the name and its '='").isFalse();

    assertThat(matches("base api.example/v1/x", get("/v1/x?q=1", "Host", "api.example")))
        .as("base: the Host then the path").isTrue();
    assertThat(matches("base_beg /v1", get("/v1/x"))).as("no Host: the path").isTrue();
    assertThat(matches("base a.example", get("*", "Host", "a.example, b"))).as("the first"
        + " value of Host, no path for '*'").isTrue();

    assertThat(matches("hdr_ip(x-forwarded-for) 10.0.0.0/8", get("/", "X-Forwarded-For",
        "192.0.2.1, 10.2.3.4:8080"))).as("hdr_ip: each value, a port after it or not").isTrue();
    assertThat(matches("req.hdr_ip(x-forwarded-for) ::1", get("/", "X-Forwarded-For",
        "junk, ::1"))).as("an IPv6 one").isTrue();
    assertThat(matches("hdr_ip(x-forwarded-for) -m found", get("/", "X-Forwarded-For",
        "junk, 1.2.3"))).as("no address").isFalse();
    assertThat(rules("http-request set-header X-Ip %[hdr_ip(x-forwarded-for)]").apply(get("/",
        "X-Forwarded-For", "10.0.0.1, junk")).request().fullValues("x-ip")).as("outside an"
        + " ACL the last value, when it is an address").containsExactly("");
    assertThat(matches("src_port " + CLIENT_PORT, get("/"))).as("src_port").isTrue();
    assertThat(matches("dst 10.0.0.2", get("/"))).as("dst").isTrue();
    assertThat(matches("dst_port 8080", get("/"))).as("dst_port").isTrue();
    assertThat(matches("dst_port 80", get("/"))).isFalse();
  }

  /**
   * Header values with sample expressions, as 2.6.12 sent them to a server (nc behind it): the
   * last value of a header or of a named cookie, the first URL parameter, 1 or 0 for a boolean,
   * nothing for a sample the request has not, each rule seeing what the ones before it set.
   */
  @Test
  void aHeadersValueTakesSamplesOfTheRequest() {
    HttpRules r = rules("""
        http-request set-header X-Src %[src]:%[src_port]
        http-request set-header X-Hdr %[req.hdr(x-a)]
        http-request set-header X-Hdr1 %[req.hdr(x-a,1)]
        http-request set-header X-Fhdr %[req.fhdr(x-a)]
        http-request set-header X-Cook %[req.cook(c)]
        http-request set-header X-Cook0 %[req.cook]
        http-request set-header X-Urlp %[urlp(p)]
        http-request set-header X-Mix a-%[dst_port]-b%%c
        http-request set-header X-Ssl %[ssl_fc]
        http-request set-header X-Cnt %[req.hdr_cnt(x-a)]
        http-request add-header X-Miss %[req.hdr(missing)]
        http-request set-header X-Again <%[req.hdr(x-mix)]>
        http-request set-header X-Base %[base]%[method]""");
    Request out = r.apply(get("/p/q?p=1&p=2", "Host", "h", "X-A", "one", "X-A", "two, three",
        "Cookie", "c=1; c=2")).request();
    Map<String, String> want = Map.ofEntries(Map.entry("x-src", "10.1.2.3:" + CLIENT_PORT),
        Map.entry("x-hdr", "three"), Map.entry("x-hdr1", "one"),
        Map.entry("x-fhdr", "two, three"), Map.entry("x-cook", "2"), Map.entry("x-cook0", "1"),
        Map.entry("x-urlp", "1"), Map.entry("x-mix", "a-8080-b%c"), Map.entry("x-ssl", "0"),
        Map.entry("x-cnt", "3"), Map.entry("x-miss", ""), Map.entry("x-again", "<a-8080-b%c>"),
        Map.entry("x-base", "h/p/qGET"));
    want.forEach((name, value) -> assertThat(out.fullValues(name)).as(name)
        .containsExactly(value));
    assertThat(SampleExpr.text(InetAddress.getLoopbackAddress())).isEqualTo("127.0.0.1");
    assertThat(SampleExpr.text(req("GET", "/", "::1").src().getAddress())).as("as haproxy"
        + " prints it").isEqualTo("::1");
  }

  /** {@code rule} applied to {@code method target}: its request line, then its X-H lines. */
  static String rewritten(String rule, String method, String target) {
    Request out = rules(rule).apply(req(method, target, "10.1.2.3", "Host", "h", "X-H",
        "ab, bc , \"b,c\"", "X-H", "q")).request();
    return out.method() + " " + out.uri() + " " + String.join("|", out.fullValues("x-h"));
  }

  /**
   * The set-* and replace-* actions, each case as haproxy 2.6.12 passed the request on (nc
   * behind it, 16:0x UTC): the path keeps its query, a query its '?', a replacement is the
   * whole part with the match's groups in it, a replaced value loses the spaces around it.
   */
  @Test
  void theRequestLineAndHeadersAreRewrittenAsHaproxyDoes() {
    String xh = " ab, bc , \"b,c\"|q";
    String[][] cases = {
        {"http-request set-path /new%[path]", "GET /p/x?k=1", "GET /new/p/x?k=1" + xh},
        {"http-request set-query a=%[urlp(p)]", "GET /p?p=7&p=8", "GET /p?a=7" + xh},
        {"http-request set-query a=%[urlp(p)]", "GET /p", "GET /p?a=" + xh},
        {"http-request set-query %[hdr(x-none)]", "GET /p?z", "GET /p?" + xh},
        {"http-request set-query %[hdr(x-none)]", "GET /p", "GET /p" + xh},
        {"http-request set-uri /u?%[query]", "GET /x?a=1", "GET /u?a=1" + xh},
        {"http-request set-method POST", "GET /m", "POST /m" + xh},
        {"http-request set-pathq /pq", "GET /old?x=1", "GET /pq" + xh},
        {"http-request replace-path /api/(.*) /v2/\\1", "GET /api/users?id=3",
            "GET /v2/users?id=3" + xh},
        {"http-request replace-path ^/(a)(b)?(.*)$ /\\3-\\2-\\1\\x41", "GET /abc",
            "GET /c-b-aA" + xh},
        {"http-request replace-path ^/(a)(b)?(.*)$ /\\3-\\2-\\1\\x41", "GET /ac",
            "GET /c--aA" + xh},
        {"http-request replace-uri ^http://([^/]*)(.*) \\2?host=\\1", "GET http://h/p?x",
            "GET /p?x?host=h" + xh},
        {"http-request replace-pathq /p\\?(.*) /q/\\1", "GET /p?a=1", "GET /q/a=1" + xh},
        {"http-request replace-header X-H (.*)b(.*) \\2-\\1", "GET /",
            "GET / ,c\"-ab, bc , \"|q"},
        {"http-request replace-value X-H ^b.* z", "GET /", "GET / ab,z, \"b,c\"|q"},
        {"http-request replace-path a\\.b x", "GET /a.b/axb", "GET x" + xh},
        {"http-request replace-path a\\.b x", "GET /axb", "GET /axb" + xh},
        {"http-request set-path /s", "GET http://h/old?q=1", "GET http://h/s?q=1" + xh},
        {"http-request set-path /s", "GET *", "GET /s" + xh},
        {"http-request replace-path ^/$ /root", "GET /", "GET /root" + xh},
        {"http-request replace-path ^/$ /root", "GET http://h", "GET http://h" + xh}};
    for (String[] c : cases) {
      String[] line = c[1].split(" ");
      assertThat(rewritten(c[0], line[0], line[1])).as(c[0] + " on " + c[1]).isEqualTo(c[2]);
    }
    assertThat(rules("acl x path /a\n"
        + "http-request set-path /b\n"
        + "http-request deny if x").apply(get("/a")).answer()).as("rules after see the new path")
        .isEmpty();
  }

  /**
   * Converters, each case as 2.6.12 wrote it into a header (nc behind it, 16:1x UTC): 32
   * expressions on one request alike, those below among them.
   */
  @Test
  void convertersWriteWhatHaproxysWrite() {
    String[][] cases = {{"req.hdr(host),lower", "www.example.com:8080"},
        {"req.hdr(host),upper", "WWW.EXAMPLE.COM:8080"},
        {"req.hdr(host),field(1,:)", "WWW.Example.com"}, {"req.hdr(host),field(3,:)", ""},
        {"req.hdr(x-p),field(-1,/)", ""}, {"req.hdr(x-p),field(2,/,2)", "a/b"},
        {"req.hdr(x-p),word(-2,/)", "b"}, {"req.hdr(x-p),word(9,/)", ""},
        {"req.hdr(x-p),regsub(/,_)", "_a/b/c/"}, {"req.hdr(x-p),regsub(/,_,g)", "_a_b_c_"},
        {"req.hdr(x-p),regsub(A,x,ig)", "/x/b/c/"},
        {"req.hdr(x-p),regsub(z*,-,g)", "-/-a-/-b-/-c-/-"},
        {"req.hdr(x-p),regsub(^/,X,g)", "Xa/b/c/"}, {"req.hdr(x-p),length", "7"},
        {"src,ipmask(24)", "10.1.2.0"}, {"src,ipmask(255.255.0.0)", "10.1.0.0"},
        {"req.hdr(x-n),add(5)", "22"}, {"req.hdr(x-n),mul(-3)", "-51"},
        {"req.hdr(x-n),div(0)", "9223372036854775807"}, {"req.hdr(x-n),mod(5)", "2"},
        {"req.hdr(x-n),neg", "-17"}, {"req.hdr(x-n),bool", "1"}, {"req.hdr(x-z),not", "1"},
        {"req.hdr(x-n),sub(100)", "-83"}, {"req.hdr(x-s),ltrim(x)", "abyxx"},
        {"req.hdr(x-s),rtrim(yx)", "xxab"}, {"req.hdr(x-w),lower,word(2,\\ )", "big"},
        {"req.hdr(x-nn),add(1)", ""}, {"dst_port,add(1)", "8081"}};
    Request r = get("/", "Host", "WWW.Example.com:8080", "X-P", "/a/b/c/", "X-N", "17", "X-Z",
        "0", "X-S", "xxabyxx", "X-W", "Hello Big World");
    for (String[] c : cases) {
      Request out = rules("http-request set-header X-C %[" + c[0] + "]").apply(r).request();
      assertThat(out.fullValues("x-c")).as(c[0]).containsExactly(c[1]);
    }
    assertThat(matches("hdr(host),lower -m beg www.", r)).as("a string").isTrue();
    assertThat(matches("hdr(x-p),length 7", r)).as("length gives an integer").isTrue();
    assertThat(matches("src,ipmask(16) 10.1.0.0", r)).as("ipmask an address").isTrue();
    assertThat(matches("hdr(host),field(2,:) -m int 8080", r)).isTrue();
    assertThat(matches("hdr(host),field(3,:) -m found", r)).as("no third field: no sample")
        .isFalse();
  }

  /**
   * http-response rules on an answer, as 2.6.12 passed it to a client (curl through it, a raw
   * server behind it, 16:2x UTC): the same headers, values and order.
   */
  @Test
  void httpResponseRulesEditTheAnswer() {
    HttpRules r = rules("""
        http-response set-header X-Src "%[src]"
        http-response set-header X-Status "%[status]"
        http-response set-header X-Sh "%[res.hdr(x-a)]"
        http-response set-header X-Shdr "%[shdr(x-a)]"
        http-response set-header X-Cnt "%[res.hdr_cnt(x-a)]"
        http-response set-header X-Ver "%[res.ver]"
        http-response del-header Server
        http-response add-header X-If yes if { status 200 }
        http-response add-header X-Ifh yes if { res.hdr(x-a) b }
        http-response add-header X-Ifp yes if { path / }
        http-response add-header X-Ifm yes if METH_GET
        http-response replace-value X-A ^a$ z""");
    Response answer = new Response(200, "1.1", List.of(Map.entry("X-A", "a"),
        Map.entry("X-A", "b, a"), Map.entry("Server", "x"), Map.entry("Content-Length", "2")));
    Request out = r.applyResponse(get("/").answered(answer)).request();
    assertThat(out.response().orElseThrow().headers()).extracting(e -> e.getKey().toLowerCase(
        java.util.Locale.ROOT) + ": " + e.getValue()).containsExactly("x-a: z", "x-a: b,z",
        "content-length: 2", "x-src: 10.1.2.3", "x-status: 200", "x-sh: a", "x-shdr: a",
        "x-cnt: 3", "x-ver: 1.1", "x-if: yes", "x-ifh: yes", "x-ifm: yes");
    assertThat(rules("http-request add-header X-S 1 if { status 200 }").apply(get("/"))
        .request().fullValues("x-s")).as("a response fetch never matches on a request")
        .isEmpty();
  }

  /**
   * set-status and allow in http-response rules, as 2.6.12 answered side by side in the node
   * image (a perl server behind it): the reason haproxy writes for the new status unless one is
   * given, later rules seeing the new status, allow ending the section's rules.
   */
  @Test
  void setStatusAndAllowInResponseRules() {
    HttpRules r = rules("""
        http-response set-status 503 if { status 404 }
        http-response set-status 299 reason "Fine Indeed" if { res.hdr(x-a) 1 }
        http-response set-header x-st %[status]
        http-response allow if { res.hdr(x-stop) -m found }
        http-response set-header x-after yes""");
    java.util.function.Function<Response, Response> run = a -> r.applyResponse(
        get("/").answered(a)).request().response().orElseThrow();
    Response gone = run.apply(new Response(404, "Not Found", "1.1", List.of()));
    assertThat(gone).extracting(Response::status, Response::reason).containsExactly(503,
        "Service Unavailable");
    assertThat(gone.headers()).containsExactly(Map.entry("x-st", "503"),
        Map.entry("x-after", "yes"));
    assertThat(run.apply(new Response(200, "OK", "1.1", List.of(Map.entry("x-a", "1")))))
        .extracting(Response::status, Response::reason).containsExactly(299, "Fine Indeed");
    assertThat(run.apply(new Response(200, "OK", "1.1", List.of(Map.entry("x-stop", "1"))))
        .headers()).as("allow: no later rule of the section").containsExactly(
        Map.entry("x-stop", "1"), Map.entry("x-st", "200"));
    for (String[] c : new String[][] {
        {"http-response set-status", "expects 1 argument: <status>; or 3 arguments"},
        {"http-response set-status 99", "expects an integer status code between 100 and 999"},
        {"http-response set-status 2xx", "expects an integer status code between 100 and 999"},
        {"http-response set-status 200 why", "expects either 'if' or 'unless'"},
        {"http-response allow now", "'http-response allow' expects no argument"},
        {"http-response deny deny_status 418", "status code '418' not handled by default"},
        {"http-response deny status 200 content-type t lf-string %[path]",
            "needs 'HTTP request headers'"}}) {
      assertThatThrownBy(() -> parse(c[0])).as(c[0]).hasMessageContaining(c[1]);
    }
  }

  /**
   * http-response deny: its reply instead of the server's answer (502 by default), the rules
   * after it not run, the request's http_err counters not counted (haproxy's deny: of
   * http_process_res_common counts denied_resp only).
   */
  @Test
  void aResponseDenyRepliesInsteadOfTheServer() {
    HttpRules r = rules("""
        http-response deny if { status 500 }
        http-response deny status 403 content-type text/plain lf-string "no %[status]" \
        if { status 401 }
        http-response set-header x-after yes""");
    java.util.function.Function<Integer, HttpRules.Outcome> run = st -> r.applyResponse(
        get("/").answered(new Response(st, "1.1", List.of())));
    Answer page = run.apply(500).answer().orElseThrow();
    assertThat(page).extracting(Answer::status, Answer::refusal).containsExactly(502, true);
    assertThat(page.body()).contains("<h1>502 Bad Gateway</h1>");
    assertThat(run.apply(401).answer().orElseThrow().body()).as("the server's answer is"
        + " erased before the reply is built: its fetches give nothing").isEqualTo("no ");
    HttpRules.Outcome passed = run.apply(200);
    assertThat(passed.answer()).isEmpty();
    assertThat(passed.request().response().orElseThrow().headers()).containsExactly(
        Map.entry("x-after", "yes"));
  }

  /**
   * http-response return and redirect (2.6.12 side by side): their answer instead of the
   * server's, the proxy's own (logged "LH", not a refusal); a return's reply is built once the
   * server's answer is erased, as a deny's, a redirect's location before ("/a1200" for
   * "/a%[res.hdr(x-a)]%[status]"); a redirect on an answer goes to a location only.
   */
  @Test
  void aResponseReturnOrRedirectAnswersInsteadOfTheServer() {
    HttpRules r = rules("""
        http-response redirect location /a%[res.hdr(x-a)]%[status] code 308 \
        if { res.hdr(x-a) 1 }
        http-response return status 404 content-type text/plain lf-string "r=%[status]" \
        if { status 500 }
        http-response return if { status 204 }""");
    java.util.function.Function<Response, Answer> run = a -> r.applyResponse(
        get("/").answered(a)).answer().orElseThrow();
    Answer moved = run.apply(new Response(200, "1.1", List.of(Map.entry("x-a", "1"))));
    assertThat(moved).extracting(Answer::status, Answer::reason, Answer::refusal)
        .containsExactly(308, "Permanent Redirect", false);
    assertThat(moved.headers()).contains(Map.entry("location", "/a1200"));
    Answer returned = run.apply(new Response(500, "1.1", List.of()));
    assertThat(returned).extracting(Answer::status, Answer::body, Answer::refusal)
        .containsExactly(404, "r=", false);
    assertThat(run.apply(new Response(204, "1.1", List.of())))
        .extracting(Answer::status, Answer::body).containsExactly(200, "");
    assertThatThrownBy(() -> parse("http-response redirect prefix /x"))
        .hasMessageContaining("response only supports redirect type 'location'.");
    assertThatThrownBy(() -> parse("http-response redirect location %[path]"))
        .hasMessageContaining("needs 'HTTP request headers'");
  }

  /**
   * Variables as 2.6.12 kept them (a server echoing what it got, 16:0x UTC): a sample kept with
   * its type, none when the expression gives none (the default of var() then), a format's text,
   * unset-var; req.* gone in the answer's rules, txn.* still there.
   */
  @Test
  void variablesKeepASampleForLaterRules() {
    HttpRules r = rules("""
        http-request set-var(txn.host) req.hdr(host),lower
        http-request set-var(req.n) req.hdr(x-n),add(1)
        http-request set-var(txn.miss) req.hdr(nope)
        http-request set-var-fmt(txn.f) "%[path]-%[var(req.n)]"
        http-request set-header X-Host %[var(txn.host)]
        http-request set-header X-Miss %[var(txn.miss)]
        http-request set-header X-Missd %[var(txn.miss,dflt)]
        http-request set-header X-F %[var(txn.f)]
        http-request unset-var(txn.f) if { path /u }
        http-request set-header X-F2 %[var(txn.f)]
        http-request set-var(txn.n2) var(req.n) if { var(req.n) -m int gt 5 }
        http-request set-header X-N2 %[var(txn.n2)]
        http-response set-header X-RH %[var(txn.host)]
        http-response set-header X-RN %[var(req.n)]""");
    for (String path : List.of("/p", "/u")) {
      Request out = r.apply(get(path, "Host", "H.Example", "X-N", "7")).request();
      Map<String, String> want = Map.of("x-host", "h.example", "x-miss", "", "x-missd", "dflt",
          "x-f", path + "-8", "x-f2", path.equals("/u") ? "" : path + "-8", "x-n2", "8");
      want.forEach((name, value) -> assertThat(out.fullValues(name)).as(path + " " + name)
          .containsExactly(value));
      Request answer = r.applyResponse(out.answered(new Response(200, "1.1", List.of())))
          .request();
      assertThat(answer.response().orElseThrow().headers()).as("txn.* in the answer's rules,"
          + " req.* not").containsExactly(Map.entry("X-RH", "h.example"), Map.entry("X-RN", ""));
    }
  }

  @Test
  void conditionsAreAndOrNotUnlessAndAnonymous() {
    HttpRules r = rules("""
        acl api path_beg /api
        acl mobile hdr_beg(host) -i m.
        use_backend b if api !mobile || { method POST } mobile
        use_backend c unless api or mobile""");
    assertThat(r.backend(get("/api/x", "Host", "www"))).as("api and not mobile").contains("b");
    assertThat(r.backend(get("/api/x", "Host", "m.x"))).as("api, mobile: no suite holds;"
        + " unless (api or mobile) fails").isEmpty();
    assertThat(r.backend(req("POST", "/", "10.0.0.1", "Host", "m.x"))).as("the second suite")
        .contains("b");
    assertThat(r.backend(get("/", "Host", "www"))).as("unless").contains("c");
    HttpRules twice = rules("""
        acl s path_beg /a
        use_backend b if s
        acl s path_beg /b""");
    assertThat(twice.backend(get("/b"))).as("same-name ACLs are OR'ed, even declared after the"
        + " rule").contains("b");
    assertThat(rules("use_backend b if ! METH_GET").backend(req("HEAD", "/", "10.0.0.1")))
        .as("a lone '!' negates the next; METH_GET takes HEAD").isEmpty();
    assertThat(rules("use_backend b if LOCALHOST").backend(req("GET", "/", "127.0.0.5")))
        .as("predefined LOCALHOST").contains("b");
  }

  @Test
  void httpRequestRulesRunInOrderAndTheFirstAnswerWins() {
    HttpRules r = rules("""
        acl tagged hdr(x-tag) yes
        http-request del-header x-secret
        http-request set-header X-Tag yes if { path_beg /t }
        http-request deny if tagged { hdr(x-secret) -m found }
        http-request return status 200 content-type text/plain string pong if { path /ping }
        http-request deny deny_status 429 if tagged { path_end /slow }
        http-request redirect location /moved code 301 if { path /old }
        http-request allow if { path /free }
        http-request deny if { path_beg /free }
        redirect prefix https://example.com drop-query if { path_beg /free }
        use_backend b if tagged""");
    assertThat(r.apply(get("/t", "X-Secret", "1")).answer()).as("del-header ran first, so"
        + " the deny on x-secret does not").isEmpty();
    HttpRules.Outcome tagged = r.apply(get("/t/x", "x-tag", "no"));
    assertThat(tagged.request().fullValues("x-tag")).as("set-header replaced the value")
        .containsExactly("yes");
    assertThat(r.backend(tagged.request())).as("use_backend sees the rewritten request")
        .contains("b");
    Answer pong = r.apply(get("/ping")).answer().orElseThrow();
    assertThat(pong.status()).isEqualTo(200);
    assertThat(pong.body()).isEqualTo("pong");
    assertThat(pong.headers()).contains(Map.entry("content-type", "text/plain"));
    assertThat(r.apply(get("/t/slow")).answer().map(Answer::status)).as("deny_status")
        .contains(429);
    Answer moved = r.apply(get("/old")).answer().orElseThrow();
    assertThat(moved.status()).isEqualTo(301);
    assertThat(moved.headers()).containsExactly(Map.entry("location", "/moved"));
    assertThat(r.apply(get("/free?a=1")).answer().map(a -> a.headers().getFirst().getValue()))
        .as("allow skips the later deny; the redirect rules still run").contains(
            "https://example.com/free");
    assertThat(r.apply(get("/other")).answer()).as("no rule answers").isEmpty();
    assertThat(rules("http-request deny").apply(get("/")).answer().orElseThrow().body())
        .as("haproxy's 403 page").contains("<h1>403 Forbidden</h1>");
    assertThat(rules("http-request return status 204").apply(get("/")).answer().orElseThrow())
        .as("a return without payload is empty").extracting(Answer::status, Answer::body)
        .containsExactly(204, "");
  }

  /**
   * Replies of deny and return as 2.6.12 wrote them side by side in the node image (nc through
   * it): hdr headers first (one that comes out empty left out), content-length, then
   * content-type when there is a body; deny alone or with deny_status alone is the page, any
   * other words make a reply ("deny status 403" is an empty 403).
   */
  @Test
  void repliesOfDenyAndReturnAsHaproxyWritesThem() {
    HttpRules r = rules("""
        http-request return status 201 content-type "text/plain" lf-string "hello %[req.hdr(x-a)]\
         from %[src] %% end" hdr x-b "v-%[path]" hdr x-c lit hdr X-Up "%[req.hdr(x-a),upper]"\
         hdr x-none "%[req.hdr(x-none)]" hdr content-type x/y if { path /r }
        http-request deny deny_status 429 content-type text/plain string "slow down" hdr\
         retry-after 10 if { path /d }
        http-request deny status 403 hdr x-why "denied %[path]" if { path /h }
        http-request deny deny_status 503 if { path /p }
        http-request deny default-errorfiles hdr x-h 1 if { path /e }
        http-request return status 200 content-type text/plain lf-string "%[req.hdr(x-none)]"\
         if { path /empty }
        http-request return content-type text/plain if { path /g }""");
    Request a = get("/r", "X-A", "aa");
    Answer ret = r.apply(a).answer().orElseThrow();
    assertThat(ret.status()).isEqualTo(201);
    assertThat(ret.refusal()).isFalse();
    assertThat(ret.body()).isEqualTo("hello aa from 10.1.2.3 % end");
    assertThat(ret.headers()).containsExactly(Map.entry("x-b", "v-/r"), Map.entry("x-c", "lit"),
        Map.entry("x-up", "AA"), Map.entry("content-length", "28"),
        Map.entry("content-type", "text/plain"));
    Answer slow = r.apply(get("/d")).answer().orElseThrow();
    assertThat(slow.refusal()).as("a deny is a refusal, whatever its reply").isTrue();
    assertThat(slow.headers()).containsExactly(Map.entry("retry-after", "10"),
        Map.entry("content-length", "9"), Map.entry("content-type", "text/plain"));
    assertThat(slow).extracting(Answer::status, Answer::reason, Answer::body)
        .containsExactly(429, "Too Many Requests", "slow down");
    Answer empty403 = r.apply(get("/h")).answer().orElseThrow();
    assertThat(empty403.body()).as("deny status N: no page").isEmpty();
    assertThat(empty403.headers()).containsExactly(Map.entry("x-why", "denied /h"),
        Map.entry("content-length", "0"));
    assertThat(r.apply(get("/p")).answer().orElseThrow().body()).as("deny_status alone: the"
        + " page").contains("<h1>503 Service Unavailable</h1>");
    Answer page = r.apply(get("/e")).answer().orElseThrow();
    assertThat(page.body()).contains("<h1>403 Forbidden</h1>");
    assertThat(page.headers()).as("the page's head, hdr ignored").containsExactly(
        Map.entry("cache-control", "no-cache"), Map.entry("content-type", "text/html"));
    assertThat(r.apply(get("/empty")).answer().orElseThrow().headers()).as("an empty body: no"
        + " content-type").containsExactly(Map.entry("content-length", "0"));
    assertThat(r.apply(get("/g")).answer().orElseThrow().headers()).as("no payload: the"
        + " content-type ignored").containsExactly(Map.entry("content-length", "0"));    // reasons as 2.6.12 wrote them for each of 200-599: a reply's by http_get_reason, a page's
    // its own, a redirect's 302 "Found"
    for (String[] c : new String[][] {{"return status 400", "Bad Request"},
        {"deny deny_status 400", "Bad request"}, {"return status 302", "Moved Temporarily"},
        {"redirect location /x code 302", "Found"}, {"return status 299", "Success"},
        {"return status 599", "Server Error"}, {"return status 422", "Unprocessable Content"},
        {"return status 413", "Request Entity Too Large"},
        {"deny deny_status 413", "Payload Too Large"}}) {
      assertThat(rules("http-request " + c[0]).apply(get("/")).answer().orElseThrow().reason())
          .as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void redirectsBuildTheirLocationAsHaproxy() {
    Request r = get("/a/b?x=1", "Host", "h.example");
    assertThat(location("redirect scheme https", r)).isEqualTo("https://h.example/a/b?x=1");
    assertThat(location("redirect scheme https drop-query", r)).isEqualTo("https://h.example/a/b");
    assertThat(location("redirect prefix / drop-query append-slash", r)).as("prefix '/' adds"
        + " nothing").isEqualTo("/a/b/");
    assertThat(location("redirect prefix http://o.example", r))
        .isEqualTo("http://o.example/a/b?x=1");
    assertThat(location("redirect location /x", r)).isEqualTo("/x");
    assertThat(location("redirect scheme https", get("*"))).as("no path: /").isEqualTo(
        "https:///");
    assertThat(rules("redirect location /x code 308").apply(r).answer().orElseThrow().status())
        .isEqualTo(308);
  }

  /** An http-request redirect's value is a log-format string; a section's redirect's literal. */
  @Test
  void anHttpRequestRedirectTakesSamples() {
    Request r = get("/p?q=1", "Host", "h.example");
    assertThat(location("http-request redirect location https://%[hdr(host)]%[url] code 301",
        r)).isEqualTo("https://h.example/p?q=1");
    assertThat(location("http-request redirect prefix /%[hdr(host),field(1,.)]", r))
        .isEqualTo("/h/p?q=1");
    assertThat(location("redirect location /a%[b]", r)).as("literal in a section's redirect")
        .isEqualTo("/a%[b]");
  }

  /**
   * A use_backend name with a '%' is a format: the request names the backend; a name no backend
   * has means the default, and no later use_backend is tried (process_switching_rules).
   */
  @Test
  void aUseBackendNameMayComeFromTheRequest() {
    HttpRules r = rules("""
        use_backend %[req.hdr(x-be),lower] if { req.hdr(x-be) -m found }
        use_backend b""");
    assertThat(r.backend(get("/", "X-Be", "C"))).contains("c");
    assertThat(r.backend(get("/", "X-Be", "nosuch"))).as("the name as rendered; Routing falls"
        + " back to the default").contains("nosuch");
    assertThat(r.backend(get("/"))).as("the next rule").contains("b");
  }

  static String location(String rule, Request r) {
    return rules(rule).apply(r).answer().orElseThrow().headers().stream()
        .filter(h -> h.getKey().equals("location")).findFirst().orElseThrow().getValue();
  }

  @Test
  void whatHaproxyRefusesToStartOnIsAnErrorAtItsLine() {
    for (String[] c : new String[][] {
        {"acl x nosuchfetch 1", "unknown fetch method 'nosuchfetch'"},
        {"acl x path -m nosuch a", "unknown matching method 'nosuch'"},
        {"acl x src -m beg 1", ""},
        {"use_backend b if nosuchacl", "no such ACL : 'nosuchacl'"},
        {"use_backend b if { path /a", "missing closing '}'"},
        {"use_backend b when x", "requires either 'if' or 'unless'"},
        {"use_backend nosuch if TRUE", "unknown backend 'nosuch'"},
        {"http-request frobnicate", "'http-request' expects"},
        {"http-request deny deny_status 999", "Unexpected status code '999'"},
        {"http-request deny status 999", "Unexpected status code '999'"},
        {"http-request deny deny_status 201", "status code '201' not handled by default with"
            + " 'default-errorfiles' argument."},
        {"http-request deny deny_status", "'status' expects <status_code> as argument"},
        {"http-request return status abc", "Unexpected status code '0'"},
        {"http-request return status", "'status' expects <status_code> as argument"},
        {"http-request return content-type", "'content-type' expects <ctype> as argument"},
        {"http-request return content-type t string a string b",
            "unexpected 'string' argument, 'string' already defined"},
        {"http-request return string x",
            "a content type must be defined when non-empty payload is configured"},
        {"http-request return string \"\"", "'string' expects <str> as argument"},
        {"http-request return lf-string \"\"", "'lf-string' expects <fmt> as argument"},
        {"http-request return lf-string x",
            "a content type must be defined with a log-format payload"},
        {"http-request return status 204 content-type t string x",
            "No body expected for 204 responses"},
        {"http-request return status 304 content-type t lf-string x",
            "No body expected for 304 responses"},
        {"http-request return hdr x", "'hdr' expects <name> and <value> as arguments"},
        {"http-request return foo", "'http-request return' expects either 'if' or 'unless'"
            + " followed by a condition but found 'foo'"},
        {"http-request redirect location /x code 300", "unsupported HTTP code '300'"},
        {"http-request return string hi", "a content type must be defined"},
        {"http-request set-query \"\"", "expects exactly 1 argument <format>"},
        {"http-request replace-path ( x", "failed to parse the regex"},
        {"http-request replace-value x y", "expects exactly 3 arguments"},
        {"acl x hdr(a),field(0,:) b", "Unexpected value 0 for index"},
        {"http-response set-header X %[path]", "needs 'HTTP request headers'"},
        {"http-request set-header X %[status]", "needs 'HTTP response'"},
        {"http-response frobnicate", "'http-response' expects"},
        {"acl x var(txn.a) b", "matching method must be specified first"},
        {"http-request set-var(x) src", "invalid variable name 'x'"},
        {"http-request set-var(txn.a)", "expects a sample expression"},
        {"acl x hdr(a),regsub(a,b,x) b", "invalid regex flag"},
        {"acl x hdr(a),nosuch b", "unknown converter 'nosuch'"},
        {"acl x src,ipmask(33) b", "failed to parse '33' as type 'IPv4 mask' at position 1"},
        {"acl x src,ipmask(8,ffff::x) b", "failed to parse 'ffff::x' as type 'IPv6 mask'"},
        {"acl x path_len abc", "'abc' is neither a number nor a supported operator"},
        {"acl x path -z a", "'-z' is not a valid ACL option"},
        {"http-after-response frobnicate", "'http-after-response' expects 'ot-group',"
            + " 'add-header', 'allow', 'capture', 'del-header', 'replace-header', 'replace-value',"
            + " 'set-header', 'set-status', 'strict-mode', 'set-var-fmt(*)', 'set-var(*)',"
            + " 'unset-var(*)', but got 'frobnicate'"},
        {"http-after-response set-status 1000", "'http-after-response set-status' expects an"
            + " integer status code between 100 and 999"},
        {"http-after-response set-header x", "'http-after-response set-header' expects exactly"
            + " 2 arguments"},
        {"acl x path_reg (", "regex '(' is invalid"}}) {
      if (c[1].isEmpty()) {
        continue; // beg applies to any sample type in haproxy 2.6: no error
      }
      assertThatThrownBy(() -> parse(c[0])).as(c[0]).isInstanceOf(ConfigException.class)
          .hasMessageContaining("haproxy.cfg:8").hasMessageContaining(c[1]);
    }
    assertThatThrownBy(() -> parse("acl x src -m bool")).as("bool on an address")
        .hasMessageContaining("matching method 'bool' cannot be used with fetch keyword 'src'");
  }

  @Test
  void whatHaproxyRunsAndTheAgentDoesNotIsRefusedAtItsLine() {
    for (String[] c : new String[][] {
        {"acl x path -M -f /etc/paths.lst", "acl -M"},
        {"acl x nbsrv(b) 0", "acl criterion nbsrv"},
        {"acl x scook_beg(a) b", "acl criterion scook_beg"},
        {"acl x path,base64 /a", "acl converter base64"},
        {"acl x path,lower,map(/etc/m.map) /a", "acl converter map"},
        {"acl x hdr(n),add(txn.n) 1", "acl converter add(txn.n)"},
        {"acl x src myhost", "acl address myhost"},
        {"http-request tarpit", "http-request tarpit"},
        {"http-request set-header X-Src %ci", "http-request set-header %ci"},
        {"http-request set-header X-Src %{+Q}[src]", "http-request set-header %{+Q}[src]"},
        {"http-request set-header X-Src %[src,json]", "sample converter json"},
        {"http-request add-header X-N %[nbsrv(b)]", "sample criterion nbsrv"},
        {"http-request return status 200 errorfile /etc/e.http", "http-request return errorfile"},
        {"http-request deny lf-file /etc/e.txt", "http-request deny lf-file"},
        {"redirect location /x set-cookie A=1", "redirect set-cookie"},
        {"use_backend b if RDP_COOKIE", "predefined ACL RDP_COOKIE"},
        {"http-response set-log-level silent", "http-response set-log-level"},
        {"http-after-response capture res.hdr(x) id 0", "http-after-response capture"},
        {"http-request set-var(proc.a) src", "http-request set-var(proc.a)"},
        {"use_backend be_%[req.hdr(x),map(/etc/m)]", "sample converter map"}}) {
      List<JavaRefusal> r = parse(c[0]).javaRefusals();
      assertThat(r).as(c[0]).extracting(JavaRefusal::line, JavaRefusal::keyword)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(8, c[1]));
    }
    String tcp = cfg("acl x src 10.0.0.1\nuse_backend b if x").replace("mode http", "mode tcp");
    assertThat(HaproxyConfigParser.parse(Path.of("haproxy.cfg"), tcp).javaRefusals())
        .extracting(JavaRefusal::line).as("rules in mode tcp, at the first").containsExactly(8);
    String defaults = cfg("").replace("  mode http\n", "  mode http\n  http-request deny\n"
        + "  http-after-response set-header x y\n");
    assertThat(HaproxyConfigParser.parse(Path.of("haproxy.cfg"), defaults).javaRefusals())
        .extracting(JavaRefusal::keyword).as("rules in defaults").containsExactly(
            "http-request", "http-after-response");
  }

  @Test
  void backendRulesComeWithTheBackendAndAListenRunsItsOnce() {
    HaproxyConfig c = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), cfg("")
        + "  http-request deny if { path /no }\nlisten l\n  bind :81\n"
        + "  http-request deny if { path /no }\n  server s 10.0.0.4:80\n");
    assertThat(c.backend("c").orElseThrow().rules().httpRequest()).hasSize(1);
    assertThat(c.frontend("l").orElseThrow().rules().httpRequest()).hasSize(1);
    assertThat(c.backend("l").orElseThrow().rules().isEmpty()).as("a listen's back half")
        .isTrue();
    assertThat(c.frontend("f").orElseThrow().rules().backend(get("/"))).as("no use_backend:"
        + " the default").isEqualTo(Optional.empty());
  }

  /**
   * wait-for-body stops the rules where it applies: the outcome says how long and how much, and
   * from which rule they go on; a rule before it has already edited the request, one after it
   * has not run yet.
   */
  @Test
  void waitForBodyStopsTheRulesToGoOnAfterIt() {
    HttpRules r = rules("http-request set-header x-a 1\n"
        + "http-request wait-for-body time 2s at-least 1k if METH_POST\n"
        + "http-request deny if { hdr(x-a) 1 }");
    HttpRules.Outcome post = r.apply(req("POST", "/", "10.1.2.3"));
    assertThat(post.answer()).as("the deny after the wait has not run").isEmpty();
    assertThat(post.pause()).hasValue(new HttpRules.Pause(java.time.Duration.ofSeconds(2), 1024,
        2));
    assertThat(post.request().fullValues("x-a")).containsExactly("1");
    assertThat(r.apply(post.request(), post.pause().get().next()).answer()).as("then the deny")
        .isPresent();
    assertThat(r.apply(get("/")).pause()).as("a GET: the condition does not hold").isEmpty();
    assertThatThrownBy(() -> parse("http-request wait-for-body at-least 1k"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("haproxy.cfg:8")
        .hasMessageContaining("expects time <time> [ at-least <bytes> ]");
    assertThatThrownBy(() -> parse("http-request wait-for-body time 1s at-least 1x"))
        .hasMessageContaining("invalid size '1x'");
  }
}
