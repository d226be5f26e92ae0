package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lbchaos.config.ConfigException;
import lbchaos.config.ConfigWarning;
import lbchaos.config.JavaRefusal;
import org.junit.jupiter.api.Test;

class HaproxyConfigParserTest {

  /** Step-8 of reference/ha-article.txt, verbatim. */
  static final String ARTICLE = """
      defaults
        mode tcp
        timeout connect 10s
        timeout client 30s
        timeout server 30s

      frontend apiserver
        #You can either bind only the VIP by using "bind VIP:80" OR "bind *:80" to forward all the HTTP traffic to the backend. \s
        bind 192.168.122.211:80
        # we will simply forward the packet at L4 level
        mode tcp
        option tcplog
        log 127.0.0.1 local0
        default_backend apiserver

      backend apiserver
        mode tcp
        balance     roundrobin
        # In real world, you will find tcp-check for performing a more resiliant check\s
        server backend-1 192.168.122.112:80  check
        server backend-2 192.168.122.197:80 check
      """;

  static final Path FILE = Path.of("haproxy.cfg");

  static HaproxyConfig parse(String text) throws ConfigException {
    return HaproxyConfigParser.parse(FILE, text);
  }

  @Test
  void articleConfigParsesWithHaproxyDefaults() throws Exception {
    HaproxyConfig c = parse(ARTICLE);
    assertThat(c.warnings()).as("none: its logging lines are implemented").isEmpty();
    assertThat(c.frontend("apiserver").orElseThrow().accessLog()).as("option tcplog to"
        + " 127.0.0.1:514").hasValueSatisfying(a -> {
          assertThat(a.format().text()).isEqualTo(lbchaos.proxy.log.LogFormat.TCPLOG);
          assertThat(a.targets()).singleElement().satisfies(t -> assertThat(t.port())
              .isEqualTo(514));
        });
    assertThat(c.javaRefusals()).as("the java stack runs it").isEmpty();
    Frontend f = c.frontend("apiserver").orElseThrow();
    assertThat(f.binds()).as("binds").containsExactly(new Bind("192.168.122.211", 80));
    assertThat(f.targetBackend()).as("target").contains("apiserver");
    assertThat(f.timeouts().client()).as("client timeout from defaults").contains(Duration.ofSeconds(30));
    Backend b = c.backend("apiserver").orElseThrow();
    assertThat(b.balance()).as("balance").isEqualTo(Balance.ROUNDROBIN);
    assertThat(b.retries()).as("haproxy default retries").isEqualTo(3);
    assertThat(b.redispatch()).as("redispatch off by default").isFalse();
    assertThat(b.healthCheck()).as("plain connect check").isEqualTo(new HealthCheck.TcpConnect());
    assertThat(b.servers()).extracting(Server::name).as("servers in order")
        .containsExactly("backend-1", "backend-2");
    Server s = b.servers().getFirst();
    assertThat(s.host()).as("host").isEqualTo("192.168.122.112");
    assertThat(s.port()).as("port").isEqualTo(80);
    assertThat(s.weight()).as("weight").isEqualTo(1);
    assertThat(s.line()).as("server line").isEqualTo(20);
    ServerCheck chk = s.check();
    assertThat(chk.enabled()).as("check").isTrue();
    assertThat(chk.inter()).as("inter").isEqualTo(Duration.ofSeconds(2));
    assertThat(chk.fastinter()).as("fastinter = inter").isEqualTo(Duration.ofSeconds(2));
    assertThat(chk.downinter()).as("downinter = inter").isEqualTo(Duration.ofSeconds(2));
    assertThat(chk.fall()).as("fall").isEqualTo(3);
    assertThat(chk.rise()).as("rise").isEqualTo(2);
    CheckTiming t = b.checkTiming(s);
    assertThat(t.connectTimeout()).as("no timeout check: whole check within inter")
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(t.responseTimeout()).as("no response timeout").isEmpty();
    // in flight 2s + inter 2s + 3 checks x 2s + 2 x fastinter 2s
    assertThat(t.maxDetection()).as("max detection").isEqualTo(Duration.ofSeconds(14));
    assertThat(t.minDetection()).as("min detection").isEqualTo(Duration.ofSeconds(4));
    assertThat(t.maxRejoin()).as("max rejoin").isEqualTo(Duration.ofSeconds(10));
    assertThat(t.minRejoin()).as("min rejoin").isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void fullerConfig() throws Exception {
    HaproxyConfig c = parse("""
        global
          maxconn 2000
          log /dev/log local0
          stats socket /run/haproxy.sock mode 660
          spread-checks 5
        defaults
          mode http
          timeout connect 500ms
          timeout client 1m
          timeout server 1m
          timeout check 300
          timeout queue 2s
          retries 2
          option redispatch
          option forwardfor
          default-server inter 1s fall 2 rise 3 observe layer4 on-error mark-down error-limit 5
        frontend web
          bind *:8080,127.0.0.1:8081
          maxconn 100
          use_backend api if { path_beg /api }
          default_backend app
        backend app
          balance static-rr
          option httpchk GET /health
          http-check expect status 204
          server a 10.0.0.1:80 check weight 3 fastinter 200ms downinter 5s maxconn 10
          server b 10.0.0.2:80 check backup disabled port 9000 "inter" 2s
        backend api
          balance source
          no option redispatch
          option tcp-check
          tcp-check connect port 6379
          tcp-check send PING\\r\\n
          tcp-check expect string +PONG
          server c [::1]:80 check
        listen stats
          bind 127.0.0.1:9000
          stats enable
          stats uri /stats
        """);
    assertThat(c.global().maxconn()).as("global maxconn").isEqualTo(2000);
    assertThat(c.global().spreadChecks()).as("spread-checks").isEqualTo(5);
    Frontend web = c.frontend("web").orElseThrow();
    assertThat(web.binds()).as("bind list")
        .containsExactly(new Bind("*", 8080), new Bind("127.0.0.1", 8081));
    assertThat(web.binds().getFirst().wildcard()).as("*:8080 is a wildcard").isTrue();
    assertThat(web.maxconn()).as("frontend maxconn").isEqualTo(100);
    assertThat(web.useBackends()).as("conditional use_backend not taken").isEmpty();
    assertThat(web.targetBackend()).as("target").contains("app");
    assertThat(web.forwardFor()).as("forwardfor from defaults").isPresent();
    assertThat(c.javaRefusals()).as("a conditional use_backend in mode http is run").isEmpty();
    assertThat(web.rules().useBackends()).as("the use_backend rules, with their line")
        .extracting(r -> r.backend(), r -> r.line(), r -> r.condition().isPresent())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("api", 20, true));
    assertThat(c.global().statsSockets()).as("the runtime API's socket").extracting(
        StatsSocket::path).containsExactly("/run/haproxy.sock");
    Backend app = c.backend("app").orElseThrow();
    assertThat(app.mode()).as("mode from defaults").isEqualTo(Mode.HTTP);
    assertThat(app.retries()).as("retries").isEqualTo(2);
    assertThat(app.redispatch()).as("redispatch").isTrue();
    assertThat(app.timeouts().effectiveQueue()).as("queue").contains(Duration.ofSeconds(2));
    assertThat(app.healthCheck()).as("httpchk")
        .isEqualTo(new HealthCheck.HttpCheck("GET", "/health", "HTTP/1.0",
            List.of(new lbchaos.proxy.config.HttpExpect(lbchaos.proxy.config.HttpExpect.Match.STATUS, "204", false))));
    Server a = app.server("a").orElseThrow();
    assertThat(a.weight()).as("weight").isEqualTo(3);
    assertThat(a.maxconn()).as("maxconn").isEqualTo(10);
    assertThat(a.check().inter()).as("inter from default-server").isEqualTo(Duration.ofSeconds(1));
    assertThat(a.check().fastinter()).as("fastinter").isEqualTo(Duration.ofMillis(200));
    assertThat(a.check().downinter()).as("downinter").isEqualTo(Duration.ofSeconds(5));
    assertThat(a.check().fall()).as("fall from default-server").isEqualTo(2);
    assertThat(a.check().rise()).as("rise from default-server").isEqualTo(3);
    assertThat(a.observe()).as("observe").isEqualTo(new Observe(Observe.Layer.LAYER4, OnError.MARK_DOWN, 5));
    CheckTiming t = app.checkTiming(a);
    assertThat(t.connectTimeout()).as("min(timeout connect, inter)").isEqualTo(Duration.ofMillis(500));
    assertThat(t.responseTimeout()).as("timeout check (bare number = ms)")
        .contains(Duration.ofMillis(300));
    assertThat(t.maxCheckDuration()).as("the later of min(connect, inter) and timeout check,"
        + " as haproxy 2.6 keeps one expiry per check; not their sum")
        .isEqualTo(Duration.ofMillis(500));
    Server b = app.server("b").orElseThrow();
    assertThat(b.backup()).as("backup").isTrue();
    assertThat(b.disabled()).as("disabled").isTrue();
    assertThat(b.checkPort()).as("check port").isEqualTo(9000);
    assertThat(b.check().inter()).as("quoted keyword").isEqualTo(Duration.ofSeconds(2));
    assertThat(b.check().fastinter()).as("fastinter follows the server's own inter")
        .isEqualTo(Duration.ofSeconds(2));
    Backend api = c.backend("api").orElseThrow();
    assertThat(api.redispatch()).as("no option redispatch").isFalse();
    assertThat(api.balance()).as("source").isEqualTo(Balance.SOURCE);
    assertThat(api.servers().getFirst().host()).as("v6 host").isEqualTo("::1");
    assertThat(api.healthCheck()).as("tcp-check").isInstanceOfSatisfying(HealthCheck.TcpCheck.class,
        tc -> assertThat(tc.steps()).as("three steps").hasSize(3));
    Frontend stats = c.frontend("stats").orElseThrow();
    assertThat(stats.stats()).as("stats page").contains(new StatsPage("/stats"));
    assertThat(stats.targetBackend()).as("listen targets itself").contains("stats");
  }

  @Test
  void timeUnits() {
    assertThat(HaTime.parse("100")).as("bare = ms").isEqualTo(Duration.ofMillis(100));
    assertThat(HaTime.parse("250us")).as("us").isEqualTo(Duration.ofNanos(250_000));
    assertThat(HaTime.parse("3s")).as("s").isEqualTo(Duration.ofSeconds(3));
    assertThat(HaTime.parse("2m")).as("m").isEqualTo(Duration.ofMinutes(2));
    assertThat(HaTime.parse("1h")).as("h").isEqualTo(Duration.ofHours(1));
    assertThat(HaTime.parse("1d")).as("d").isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> HaTime.parse("1.5s")).as("decimals rejected")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HaTime.parse("5x")).as("bad unit")
        .isInstanceOf(IllegalArgumentException.class);
  }


  @Test
  void malformedInputsCarryFileAndLine() {
    assertError("frontend f\n  bind 1.2.3.4\n  default_backend b\nbackend b\n", 2, "no port");
    assertError("backend b\n  timeout connect 10q\n", 2, "invalid time value");
    assertError("backend b\n  balance randomly\n", 2, "'balance' algorithm 'randomly' is unknown");
    assertError("backend b\n  server a 10.0.0.1:80 weight 300\n", 2, "out of range");
    assertError("backend b\n  server a 10.0.0.1:80 fall\n", 2, "expects an argument");
    assertError("backend b\n  server a\n", 2, "expects a name and an address");
    assertError("frontend f\n  server a 10.0.0.1:80\n", 2, "not allowed in a frontend");
    assertError("backend b\n  bind :80\n", 2, "not allowed in a backend");
    assertError("frontend f\n  bind :80\n  default_backend nope\n", 3, "unknown backend 'nope'");
    assertError("frontend f\n  mode http\n  bind :80\n  default_backend b\nbackend b\n", 4,
        "cannot use backend");
    assertError("frontend f\n  default_backend b\nbackend b\n", 1, "has no bind");
    assertError("backend b\nbackend b\n", 2, "already used");
    assertError("backend b\n  server a 10.0.0.1:80\n  server a 10.0.0.2:80\n", 3, "already used");
    assertError("bogus line\n", 1, "out of any section");
    assertError("backend b\n  mode udp\n", 2, "expects tcp or http");
    assertError("backend b\n  server a \"10.0.0.1:80\n", 2, "unterminated quote");
    assertError("backend b\n  server a 10.0.0.1:80 on-error explode\n", 2, "on-error");
  }

  private static void assertError(String text, int line, String fragment) {
    assertThatThrownBy(() -> parse(text)).as("error for %s", text)
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
          assertThat(e.file()).as("file").isEqualTo(FILE);
          assertThat(e.getMessage()).as("message").contains(fragment)
              .startsWith("haproxy.cfg:" + line + ": ");
        });
  }

  /** The article's file as it is (src/test/resources/haproxy/article.cfg), not retyped. */
  @Test
  void articleFileParsesAsWell() throws Exception {
    var url = HaproxyConfigParserTest.class.getResource("/haproxy/article.cfg");
    assertThat(url).as("test resource haproxy/article.cfg").isNotNull();
    Path file = Path.of(url.toURI());
    String text = java.nio.file.Files.readString(file);
    assertThat(text).as("ARTICLE above is the file's text").isEqualTo(ARTICLE);
    HaproxyConfig c = HaproxyConfigParser.parse(file, text);
    assertThat(c.warnings()).as("none: its logging lines are implemented").isEmpty();
    assertThat(c.javaRefusals()).as("nothing refused").isEmpty();
    assertThat(c.frontend("apiserver").orElseThrow().binds()).as("binds")
        .containsExactly(new Bind("192.168.122.211", 80));
    assertThat(c.backend("apiserver").orElseThrow().servers())
        .extracting(Server::name, Server::host, Server::port).as("two servers, in order")
        .containsExactly(org.assertj.core.groups.Tuple.tuple("backend-1", "192.168.122.112", 80),
            org.assertj.core.groups.Tuple.tuple("backend-2", "192.168.122.197", 80));
  }
}
