package lbchaos.proxy.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import lbchaos.config.ConfigException;
import lbchaos.config.JavaRefusal;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.proxy.stick.Tables;
import lbchaos.proxy.stick.Tracking;
import org.junit.jupiter.api.Test;

/**
 * Stick tables, track-sc rules and the counter fetches, on tables whose clock the test steps.
 * The counters' values are those haproxy 2.6.12 gave side by side in the node image for the
 * same requests (a return with every counter in its lf-string, nc through both).
 */
class StickRulesTest {

  final AtomicLong now = new AtomicLong(1_000_000);

  static final String TABLE = "stick-table type ip size 100 expire 30s store http_req_rate(10s),"
      + "http_req_cnt,conn_cur,conn_cnt,conn_rate(10s),http_err_cnt,http_err_rate(10s)";

  /** Frontend f with {@code lines}, then a backend "users" with a string table of len 8. */
  static HaproxyConfig parse(String lines) {
    return HaproxyConfigParser.parse(Path.of("haproxy.cfg"), RulesTest.cfg(lines)
        + "backend users\n  stick-table type string len 8 size 10 expire 30s store"
        + " http_req_cnt\n");
  }

  /** The body of f's answer to each of {@code requests} in turn, tracked on one set of tables. */
  List<String> bodies(HaproxyConfig c, Request... requests) {
    Tables tables = new Tables(c.stickTables(), now::get);
    HttpRules rules = c.frontend("f").orElseThrow().rules();
    return java.util.Arrays.stream(requests).map(r -> {
      Tracking t = new Tracking(tables);
      try {
        return rules.apply(r.withTracking(t)).answer().map(a -> a.status() + " " + a.body())
            .orElse("routed");
      } finally {
        t.end();
      }
    }).toList();
  }

  static final String SHOW = "http-request return status 200 content-type text/plain lf-string"
      + " \"rate=%[sc_http_req_rate(0)] cnt=%[sc0_http_req_cnt] cur=%[sc0_conn_cur]"
      + " ccnt=%[sc0_conn_cnt] err=%[sc0_http_err_cnt] src=%[src_http_req_cnt]"
      + " u=%[sc1_http_req_cnt] ut=%[sc_tracked(1)] t2=%[sc2_tracked]"
      + " other=%[sc0_http_req_cnt(users)] srcu=%[src_http_req_cnt(users)]\" if { path /show }";

  @Test
  void countersAsHaproxyKeepsThem() {
    HaproxyConfig c = parse(TABLE + "\nhttp-request track-sc0 src\n"
        + "http-request track-sc1 req.hdr(x-user) table users if { req.hdr(x-user) -m found }\n"
        + "http-request deny deny_status 429 if { sc_http_req_rate(0) gt 5 }\n"
        + "http-request deny if { path /deny }\n" + SHOW);
    List<String> out = bodies(c, RulesTest.get("/show"),
        RulesTest.get("/show", "X-User", "alice-long-name"), RulesTest.get("/deny"),
        RulesTest.get("/show", "X-User", "alice-long-other"), RulesTest.get("/show"),
        RulesTest.get("/show"));
    assertThat(out).containsExactly(
        "200 rate=1 cnt=1 cur=1 ccnt=1 err=0 src=1 u= ut=0 t2=0 other=0 srcu=0",
        "200 rate=2 cnt=2 cur=1 ccnt=2 err=0 src=2 u=1 ut=1 t2=0 other=0 srcu=0",
        "403 " + Answer.page(403).body(),
        "200 rate=4 cnt=4 cur=1 ccnt=4 err=1 src=4 u=2 ut=1 t2=0 other=0 srcu=0",
        "200 rate=5 cnt=5 cur=1 ccnt=5 err=1 src=5 u= ut=0 t2=0 other=0 srcu=0",
        "429 " + Answer.page(429).body());
  }

  @Test
  void anEntryHeldByARequestInFlightCountsInConnCur() {
    HaproxyConfig c = parse(TABLE + "\nhttp-request track-sc0 src\n" + SHOW);
    Tables tables = new Tables(c.stickTables(), now::get);
    HttpRules rules = c.frontend("f").orElseThrow().rules();
    Tracking first = new Tracking(tables);
    rules.apply(RulesTest.get("/").withTracking(first));
    Tracking second = new Tracking(tables);
    assertThat(rules.apply(RulesTest.get("/show").withTracking(second)).answer().orElseThrow()
        .body()).as("the first request not ended yet").contains(" cur=2 ");
    first.end();
    second.end();
    Tracking third = new Tracking(tables);
    assertThat(rules.apply(RulesTest.get("/show").withTracking(third)).answer().orElseThrow()
        .body()).contains(" cur=1 ccnt=3 ");
  }

  @Test
  void anUnusedEntryExpiresAndAFullTableMakesRoom() {
    HaproxyConfig c = parse("stick-table type ip size 2 expire 30s store http_req_cnt\n"
        + "http-request track-sc0 src\n" + "http-request return status 200 content-type t"
        + " lf-string \"%[sc0_http_req_cnt]\"");
    Tables tables = new Tables(c.stickTables(), now::get);
    HttpRules rules = c.frontend("f").orElseThrow().rules();
    java.util.function.Function<String, String> ask = src -> {
      Tracking t = new Tracking(tables);
      try {
        return rules.apply(RulesTest.req("GET", "/", src).withTracking(t)).answer()
            .orElseThrow().body();
      } finally {
        t.end();
      }
    };
    assertThat(ask.apply("10.0.0.1")).isEqualTo("1");
    assertThat(ask.apply("10.0.0.1")).isEqualTo("2");
    now.addAndGet(29_000);
    assertThat(ask.apply("10.0.0.1")).as("29 s on: still there").isEqualTo("3");
    now.addAndGet(30_000);
    assertThat(ask.apply("10.0.0.1")).as("30 s after its last update: forgotten")
        .isEqualTo("1");
    now.addAndGet(1);
    assertThat(ask.apply("10.0.0.2")).isEqualTo("1");
    now.addAndGet(1);
    assertThat(ask.apply("10.0.0.3")).as("a full table: the oldest goes").isEqualTo("1");
    assertThat(ask.apply("10.0.0.2")).as("the younger stays").isEqualTo("2");
    assertThat(ask.apply("10.0.0.1")).as("the oldest was forgotten").isEqualTo("1");
  }

  @Test
  void keysConvertAsHaproxysCasts() {
    HaproxyConfig c = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), RulesTest.cfg(
        "stick-table type integer size 10 store http_req_cnt\n"
        + "http-request track-sc0 req.hdr(x-n)\n"
        + "http-request return status 200 content-type t lf-string \"%[sc0_http_req_cnt]\""));
    assertThat(bodies(c, RulesTest.get("/", "X-N", "7"), RulesTest.get("/", "X-N", "7abc"),
        RulesTest.get("/", "X-N", "+7"), RulesTest.get("/"), RulesTest.get("/", "X-N", "")))
        .as("read_int64's leading digits; no header, or an empty one: nothing tracked")
        .containsExactly("200 1", "200 2", "200 3", "200 ", "200 ");
  }

  @Test
  void tablesRulesAndFetchesNameMustExist() {
    for (String[] c : new String[][] {
        {"http-request track-sc0 src", "unable to find table 'f' referenced by track-sc0"},
        {"http-request track-sc1 src table nosuch",
            "unable to find table 'nosuch' referenced by track-sc1"},
        {"acl x src_http_req_rate gt 1", "unable to find table 'f' referenced in arg 1 of sample"
            + " fetch keyword 'src_http_req_rate'"},
        {"acl x sc_http_req_rate(0,nosuch) gt 1", "unable to find table 'nosuch'"},
        {"acl x sc_http_req_rate gt 1", "expects at least 1 argument(s)"},
        {"http-request track-sc0", "missing fetch method"},
        {"http-request track-sc0 src table", "missing table name"},
        {"stick-table type ip store http_req_cnt", "stick-table: missing size."},
        {"stick-table size 10", "stick-table: missing type."},
        {"stick-table type ip size 1x", "unexpected character 'x' in argument of 'size'"},
        {"stick-table type nosuch size 1", "stick-table: unknown type 'nosuch'."},
        {"stick-table type ip size 1 store http_req_rate", "missing argument to store option"
            + " 'http_req_rate'"},
        {"stick-table type ip size 1 store conn_cur(10s)", "unexpected argument to store"
            + " option 'conn_cur'"},
        {"stick-table type ip size 1 store frobs", "unknown store option 'frobs'"},
        {"stick-table type ip size 1 frob", "stick-table: unknown argument 'frob'."}}) {
      assertThatThrownBy(() -> parse(c[0])).as(c[0]).isInstanceOf(ConfigException.class)
          .hasMessageContaining("haproxy.cfg:8").hasMessageContaining(c[1]);
    }
    assertThat(parse("http-request track-sc1 src table users").javaRefusals()).isEmpty();
    assertThatThrownBy(() -> HaproxyConfigParser.parse(Path.of("haproxy.cfg"),
        "defaults\n  mode http\n  stick-table type ip size 1\n")).hasMessageContaining(
        "'stick-table' is not supported in 'defaults' section.");
  }

  @Test
  void whatTheAgentDoesNotKeepIsRefusedAtItsLine() {
    for (String[] c : new String[][] {
        {"stick-table type ip size 1 peers mypeers", "stick-table peers"},
        {"stick-table type ip size 1 store gpc0\nhttp-request track-sc0 src",
            "stick-table store gpc0"},
        {"stick-table type binary size 1", "stick-table type binary"},
        {"acl x sc0_get_gpc0 gt 1", "acl criterion sc0_get_gpc0"}}) {
      List<JavaRefusal> r = parse(c[0]).javaRefusals();
      assertThat(r).as(c[0]).extracting(JavaRefusal::line, JavaRefusal::keyword)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(8, c[1]));
    }
  }
}
