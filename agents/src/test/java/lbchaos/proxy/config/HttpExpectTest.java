package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import lbchaos.proxy.check.Traffic;
import org.junit.jupiter.api.Test;

class HttpExpectTest {

  static HttpExpect parse(String words) {
    return HttpExpect.parse(List.of(words.split(" "))).orElseThrow();
  }

  @Test
  void statusListsAndRangesAsTcpcheckReadsThem() {
    HttpExpect e = parse("status 200,301-302");
    assertThat(e.passes(200, "")).as("200").isTrue();
    assertThat(e.passes(302, "")).as("302 in the range").isTrue();
    assertThat(e.passes(303, "")).as("303 outside").isFalse();
    assertThat(parse("! status 500-599").passes(503, "")).as("negated").isFalse();
    assertThat(parse("!status 500-599").passes(200, "")).as("! stuck to the word").isTrue();
    assertThatThrownBy(() -> parse("status 400-300")).hasMessageContaining("invalid range");
    assertThatThrownBy(() -> parse("status 2xx")).hasMessageContaining("invalid character 'x'");
  }

  @Test
  void rstatusStringAndRstring() {
    assertThat(parse("rstatus ^2").passes(204, "")).as("rstatus on the code").isTrue();
    assertThat(parse("rstatus ^2").passes(404, "")).isFalse();
    assertThat(parse("string ok").passes(200, "all ok\n")).as("string in body").isTrue();
    assertThat(parse("string ok").failureStatus()).isEqualTo("L7RSP");
    assertThat(parse("rstring ^up$").passes(200, "x\nup")).as("unanchored search, no MULTILINE")
        .isFalse();
    assertThat(parse("! rstring err").passes(200, "fine")).as("negated rstring").isTrue();
    assertThat(HttpExpect.parse(List.of("hdr", "name", "x"))).as("hdr: refused by the caller")
        .isEmpty();
    assertThat(HttpExpect.parse(List.of("min-recv", "4", "status", "200"))).isEmpty();
  }

  @Test
  void withoutARuleTheCheckExpects200To399() {
    var c = new HealthCheck.HttpCheck("GET", "/", "HTTP/1.0", List.of());
    assertThat(c.failed(399, "")).isEmpty();
    assertThat(c.failed(500, "")).isPresent();
  }

  @Test
  void parserReadsExpectRulesAndObserveLayer7OnlyInModeHttp() throws Exception {
    String cfg = """
        defaults
          mode %s
          timeout http-request 5s
        backend be
          option httpchk GET /
          http-check expect ! rstatus ^5
          http-check expect string ok
          default-server observe layer7 error-limit 3
          server a 10.0.0.1:80 check
        """;
    var http = HaproxyConfigParser.parse(Path.of("h.cfg"), cfg.formatted("http"));
    var be = http.backends().getFirst();
    assertThat(((HealthCheck.HttpCheck) be.healthCheck()).expects()).as("both rules in order")
        .containsExactly(new HttpExpect(HttpExpect.Match.RSTATUS, "^5", true),
            new HttpExpect(HttpExpect.Match.STRING, "ok", false));
    assertThat(be.servers().getFirst().observe()).as("layer7, default on-error fail-check")
        .isEqualTo(new Observe(Observe.Layer.LAYER7, OnError.FAIL_CHECK, 3));
    assertThat(be.timeouts().httpRequest()).hasValue(java.time.Duration.ofSeconds(5));
    var tcp = HaproxyConfigParser.parse(Path.of("h.cfg"), cfg.formatted("tcp")
        .replace("  option httpchk GET /\n  http-check expect ! rstatus ^5\n"
            + "  http-check expect string ok\n", ""));
    assertThat(tcp.backends().getFirst().servers().getFirst().observe().layer())
        .as("haproxy warns and ignores layer7 outside mode http").isEqualTo(Observe.Layer.NONE);
    assertThat(tcp.warnings()).as("the warning")
        .anySatisfy(w -> assertThat(w.toString()).contains("only be used in http proxies"));
  }

  @Test
  void trafficAsEachObserveLayerReadsIt() {
    assertThat(Traffic.ofStatus(500).failed(Observe.Layer.LAYER7)).hasValue(true);
    assertThat(Traffic.ofStatus(505).failed(Observe.Layer.LAYER7)).as("505: client's doing")
        .hasValue(false);
    assertThat(Traffic.ofStatus(500).failed(Observe.Layer.LAYER4)).as("layer4 ignores answers")
        .isEmpty();
    assertThat(Traffic.L4_OK.failed(Observe.Layer.LAYER7)).as("layer7 ignores a good connect")
        .isEmpty();
    assertThat(Traffic.L4_ERR.failed(Observe.Layer.LAYER7)).hasValue(true);
  }
}
