package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import lbchaos.config.ConfigException;
import lbchaos.config.JavaRefusal;
import lbchaos.proxy.config.HaproxyKeywordSupport.Rule;
import lbchaos.proxy.config.HaproxyKeywordSupport.Where;
import org.junit.jupiter.api.Test;

/**
 * haproxy 2.6's strictness (issue 21 item 6): what haproxy refuses to start on is an error with
 * file:line, all of a file's at once; what it runs and the agent does not is refused for the java
 * stack or warned, as {@link HaproxyKeywordSupport} says; and a known keyword still parses.
 */
class HaproxyStrictnessTest {

  static final Path FILE = Path.of("haproxy.cfg");

  /** A listen section that parses cleanly; {@code line} is line 7. */
  static String listen(String line) {
    return "listen l\n  bind :80\n  timeout connect 1s\n  timeout client 1s\n"
        + "  timeout server 1s\n  server s 10.0.0.1:80 check\n  " + line + "\n";
  }

  static HaproxyConfig parse(String text) {
    return HaproxyConfigParser.parse(FILE, text);
  }

  static List<String> errors(String text) {
    try {
      parse(text);
    } catch (ConfigException e) {
      return e.problems().stream().map(Object::toString).toList();
    }
    throw new AssertionError("no error for:\n" + text);
  }

  @Test
  void anUnknownKeywordIsAnErrorWithFileAndLineInHaproxysWords() {
    assertThat(errors("backend b\n  server a 10.0.0.1:80\n  frobnicate yes\n"))
        .containsExactly("haproxy.cfg:3: unknown keyword 'frobnicate' in 'backend' section");
    assertThat(errors("global\n  maxconn 10\n  nbproc 2\n")).as("gone since 2.5")
        .containsExactly("haproxy.cfg:3: unknown keyword 'nbproc' in 'global' section");
    assertThat(errors(listen("option frobnicate"))).containsExactly(
        "haproxy.cfg:7: unknown option 'frobnicate'");
    assertThat(errors(listen("timeout whenever 1s"))).singleElement().asString()
        .startsWith("haproxy.cfg:7: timeout 'whenever': must be");
    assertThat(errors("frontend f\n  bind :80 sparkle\n")).as("a bind argument").containsExactly(
        "haproxy.cfg:2: 'bind :80': unknown keyword 'sparkle'");
    assertThat(errors(listen("no balance"))).singleElement().asString()
        .startsWith("haproxy.cfg:7: negation/default currently supported only for options");
    assertThat(errors(".alert \"too old\"\n")).as(".alert outside .if stops haproxy")
        .containsExactly("haproxy.cfg:1: too old");
  }

  @Test
  void everyErrorOfAFileInOnePassSortedByLine() {
    String text = """
        global
          nbproc 2
        defaults
          timeout connect soon
        frontend f
          bind :80 sparkle
          default_backend b
        frontend
          anything here belongs to a frontend without a name
        backend b
          server a 10.0.0.1:80 weight 999
          server c 10.0.0.3:80 sparkle 7 check slowstart
        """;
    assertThat(errors(text)).as("each at its line, the parser going on after each").containsExactly(
        "haproxy.cfg:2: unknown keyword 'nbproc' in 'global' section",
        "haproxy.cfg:4: invalid time value 'soon' (expected a number with an optional unit us, ms,"
            + " s, m, h, d)",
        "haproxy.cfg:6: 'bind :80': unknown keyword 'sparkle'",
        "haproxy.cfg:8: 'frontend' expects a name",
        "haproxy.cfg:11: 'weight' 999 out of range 0..256",
        "haproxy.cfg:12: 'server c': unknown keyword 'sparkle'",
        "haproxy.cfg:12: 'server c': 'slowstart' expects 1 argument(s)");
    assertThat(errors("frontend f\n  bind :80\n  default_backend nope\nbackend b\nbackend b\n"))
        .as("the checks across sections, all of them too").containsExactly(
            "haproxy.cfg:3: 'f' refers to unknown backend 'nope'",
            "haproxy.cfg:5: proxy name 'b' is already used");
  }

  @Test
  void aServerLineGoesOnAfterAKeywordItDoesNotImplement() {
    Findings f = new Findings(FILE);
    f.at(3);
    ServerOptions o = new ServerOptions();
    ServerLineParser.apply(o, List.of("server", "a", "10.0.0.1:80", "sparkle", "7", "check",
        "fall", "5"), 3, f, "'server a'", false);
    assertThat(o.check).as("the check after the unknown keyword").isTrue();
    assertThat(o.fall).as("and what follows it").isEqualTo(5);
    assertThatThrownBy(f::throwErrors).as("the unknown keyword is an error")
        .hasMessage("haproxy.cfg:3: 'server a': unknown keyword 'sparkle'");

    HaproxyConfig c = parse(listen("server b 10.0.0.2:80 slowstart 10s check inter 1s"
        + " send-proxy id 7 rise 4"));
    Server b = c.backend("l").orElseThrow().server("b").orElseThrow();
    assertThat(b.check().enabled()).as("check after slowstart's argument").isTrue();
    assertThat(b.check().inter()).as("inter").hasSeconds(1);
    assertThat(b.check().rise()).as("rise after id's argument").isEqualTo(4);
    assertThat(c.javaRefusals()).extracting(JavaRefusal::line, JavaRefusal::keyword)
        .containsExactly(tuple(7, "server option slowstart"), tuple(7, "server option send-proxy"));
    assertThat(c.warnings()).as("id is only a number for the stats page").singleElement()
        .satisfies(w -> assertThat(w.toString()).startsWith("haproxy.cfg:7: 'server option id'"
            + " ignored: "));
  }

  @Test
  void refusalsNameTheLineAndWhatHaproxyDoes() {
    HaproxyConfig c = parse("global\n  stats socket ipv4@127.0.0.1:9999 level admin\n"
        + listen("acl api path_beg /api"));
    assertThat(c.javaRefusals()).extracting(Object::toString).containsExactly(
        "haproxy.cfg:2: the java agent does not implement stats socket ipv4@127.0.0.1:9999"
            + " (haproxy then serves its runtime API on that address; the agent serves it on a"
            + " UNIX socket path only); run --stack reference",
        "haproxy.cfg:9: the java agent does not implement listen l: acl/use_backend"
            + " if/http-request/http-response in mode tcp (haproxy then evaluates the"
            + " conditions on the"
            + " connection; the agent evaluates them in mode http only); run --stack reference");
    assertThat(parse(listen("bind :443 ssl crt /etc/site.pem alpn http/1.1")).javaRefusals())
        .as("bind ... ssl crt: implemented").isEmpty();
    assertThat(parse(listen("bind :443 ssl crt-list /etc/list.txt")).javaRefusals())
        .extracting(JavaRefusal::keyword).as("bind ... ssl crt-list")
        .containsExactly("bind option crt-list");
    assertThat(parse(listen("http-request deny if { src 10.0.0.9 }")).javaRefusals())
        .extracting(JavaRefusal::line).as("rules in mode tcp").containsExactly(7);
    assertThat(parse(listen("mode http\n  http-request tarpit if { src 10.0.0.9 }"))
        .javaRefusals()).extracting(JavaRefusal::line, JavaRefusal::keyword)
        .as("an action haproxy has and the agent not, at its line").containsExactly(
            org.assertj.core.groups.Tuple.tuple(8, "http-request tarpit"));
    assertThat(parse(listen("server t 10.0.0.3:443 ssl verify none check")).javaRefusals())
        .as("server ssl verify none: implemented").isEmpty();
    assertThat(parse(listen("server t 10.0.0.3:443 ssl verify none sni req.hdr(host) check"))
        .javaRefusals()).extracting(JavaRefusal::keyword).as("sni other than str()")
        .containsExactly("server option sni");
  }

  @Test
  void aStatsSocketOnAPathIsReadWithItsModeAndLevel() {
    HaproxyConfig c = parse("global\n  stats socket /run/haproxy.sock mode 660 level admin"
        + " expose-fd listeners\n" + listen("server t 10.0.0.3:80"));
    assertThat(c.javaRefusals()).isEmpty();
    assertThat(c.global().statsSockets()).containsExactly(new StatsSocket("/run/haproxy.sock",
        java.util.Optional.of(0660), StatsSocket.Level.ADMIN));
    assertThat(parse("global\n  stats socket /run/h.sock\n" + listen("server t 10.0.0.3:80"))
        .global().statsSockets().getFirst().level()).as("haproxy's default level")
        .isEqualTo(StatsSocket.Level.OPERATOR);
    assertThat(parse("global\n  stats socket /run/h.sock user haproxy\n"
        + listen("server t 10.0.0.3:80")).javaRefusals()).extracting(JavaRefusal::keyword)
        .containsExactly("stats socket option user");
  }

  @Test
  void aKeywordRefusedAtSomeValuesRunsAtHaproxysDefault() {
    assertThat(parse(listen("hash-type map-based")).javaRefusals()).as("the default").isEmpty();
    assertThat(parse(listen("hash-type consistent")).javaRefusals()).extracting(
        JavaRefusal::keyword).containsExactly("hash-type consistent");
    assertThat(parse(listen("retry-on conn-failure")).javaRefusals()).isEmpty();
    assertThat(parse(listen("balance hdr(host)")).javaRefusals()).as("haproxy's, not the agent's")
        .extracting(JavaRefusal::keyword).containsExactly("balance hdr(host)");
    assertThat(parse(listen("balance leastconn")).javaRefusals()).isEmpty();
    assertThat(parse(listen("option abortonclose")).javaRefusals()).hasSize(1);
    assertThat(parse(listen("no option abortonclose")).javaRefusals())
        .as("negated: haproxy's default, the agent's behaviour").isEmpty();
    assertThat(parse(listen("server t 10.0.0.3:80 check observe layer7")).javaRefusals())
        .as("implemented (ignored with a warning outside mode http, as haproxy)").isEmpty();
    assertThat(parse(listen("http-check expect hdr name x")).javaRefusals())
        .as("an expect form the agent does not run").extracting(JavaRefusal::keyword)
        .containsExactly("http-check expect");
    assertThat(parse(listen("server t 10.0.0.3:80 check observe layer4")).javaRefusals())
        .isEmpty();
  }

  /**
   * Every entry of the table, written where it belongs: a refused one is a refusal at its line
   * and a warned one a warning there, never an error; a server option's arguments are skipped,
   * so the check after them is kept.
   */
  @Test
  void everyTableEntryIsRefusedOrWarnedAtItsLineAndTheLineGoesOn() {
    // read by the parser at some values, so their table entries are covered above
    // acl, http-request, http-response, http-after-response and redirect: implemented in
    // proxies, refused in defaults (RulesTest)
    Set<String> special = Set.of("PROXY acl", "PROXY http-request", "PROXY http-response",
        "PROXY http-after-response", "PROXY redirect",
        "PROXY use_backend", "PROXY default", "PROXY balance",
        "SERVER observe", "SECTION .alert");
    List<Rule> rules = new ArrayList<>(HaproxyKeywordSupport.rules());
    rules.removeIf(r -> special.contains(r.where() + " " + r.keyword()));
    assertThat(rules).as("the table").hasSizeGreaterThan(300);
    for (Rule r : rules) {
      String args = String.join(" ", Collections.nCopies(Math.max(r.args(), 1), "x"));
      int line = 7;
      String text = switch (r.where()) {
        case SECTION -> {
          line = 1;
          yield r.keyword() + " x\n";
        }
        case GLOBAL -> {
          line = 2;
          yield "global\n  " + r.keyword() + " x\n";
        }
        case GLOBAL_STATS -> {
          line = 2;
          yield "global\n  stats " + r.keyword() + " x\n";
        }
        case PROXY -> listen(r.keyword() + " x");
        case OPTION -> listen("option " + r.keyword());
        case TIMEOUT -> listen("timeout " + r.keyword() + " 1s");
        case STATS -> listen("stats " + r.keyword() + " x");
        case HTTP_CHECK -> listen("http-check " + r.keyword() + " x");
        case TCP_CHECK -> listen("tcp-check " + r.keyword() + " x");
        case TCP_CHECK_OPTION -> listen("tcp-check connect " + r.keyword()
            + (r.args() == 0 ? "" : " " + args) + " port 80");
        case SERVER -> listen("server t 10.0.0.2:80 " + r.keyword()
            + (r.args() == 0 ? "" : " " + args) + " check");
        // the implemented TLS options are refused at these values only
        case BIND -> listen("bind :81 " + r.keyword() + (r.args() == 0 ? "" : " "
            + BIND_REFUSED_ARGS.getOrDefault(r.keyword(), args)));
        case STATS_SOCKET -> {
          line = 2;
          yield "global\n  stats socket /run/x.sock " + r.keyword()
              + (r.args() == 0 ? "" : " " + args) + "\n";
        }
        case LOG -> listen(r.keyword().equals("sample") ? "log 127.0.0.1 sample 1:2 local0"
            : "log ring@x local0");
        case LOG_FORMAT -> listen("log-format \"" + switch (r.keyword()) {
          case "%[" -> "%[src]";
          case "%{" -> "%{+X}ci";
          default -> r.keyword();
        } + "\"");
      };
      HaproxyConfig c;
      try {
        c = parse(text);
      } catch (ConfigException e) {
        throw new AssertionError(r.where() + " " + r.keyword() + ": " + e.getMessage(), e);
      }
      int at = line;
      if (r.refused()) {
        assertThat(c.javaRefusals()).as("%s %s", r.where(), r.keyword()).singleElement()
            .satisfies(j -> assertThat(j.line()).isEqualTo(at));
      } else {
        assertThat(c.javaRefusals()).as("%s %s: not refused", r.where(), r.keyword()).isEmpty();
        assertThat(c.warnings()).as("%s %s: warned at its line", r.where(), r.keyword())
            .anyMatch(w -> w.line() == at && w.message().contains(r.keyword()));
      }
      if (r.where() == Where.SERVER) {
        assertThat(c.backend("l").orElseThrow().server("t").orElseThrow().check().enabled())
            .as("server %s: the check after it", r.keyword()).isTrue();
      }
    }
  }

  private static final java.util.Map<String, String> BIND_REFUSED_ARGS = java.util.Map.of(
      "alpn", "h2,http/1.1", "ssl-min-ver", "TLSv1.0", "ssl-max-ver", "TLSv1.1");

  @Test
  void knownKeywordsStillParseAndTheReferenceConfigsStayClean() {
    HaproxyConfig c = parse("""
        global
          maxconn 4096
          log /dev/log local0
        defaults
          mode http
          option httplog
          option dontlognull
          timeout connect 2s
          timeout client 30s
          timeout server 30s
        frontend www
          bind *:80
          maxconn 100
          option forwardfor
          default_backend web
        backend web
          balance roundrobin
          option redispatch
          default-server inter 1s fastinter 500ms fall 2 rise 2 observe layer4 error-limit 1 \
        on-error mark-down
          server web1 10.0.0.1:80 check weight 3 backup
          server web2 10.0.0.2:80 check maxconn 10 port 8080
        """);
    assertThat(c.javaRefusals()).as("nothing refused").isEmpty();
    assertThat(c.warnings()).as("none: the logging lines are implemented (dontlognull also"
        + " spares an empty connection its 408, which the agent does)").isEmpty();
    assertThat(c.backend("web").orElseThrow().servers()).hasSize(2);
    assertThatThrownBy(() -> parse(listen("bind :81 sparkle")))
        .isInstanceOf(ConfigException.class);
  }
}
