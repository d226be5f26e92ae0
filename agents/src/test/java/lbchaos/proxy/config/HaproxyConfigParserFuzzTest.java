package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import lbchaos.fuzz.Cases;
import lbchaos.fuzz.ConfigMutations;
import lbchaos.fuzz.FuzzLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated haproxy.cfg text: a config or a ConfigException naming a line inside the
 * input, never anything else. Each property runs {@code fuzz.tries} seeded cases (1,000 by
 * default; the agents' {@code fuzz} profile, which `nightly` runs, 100,000).
 */
class HaproxyConfigParserFuzzTest {

  static final String ARTICLE = """
      defaults
        mode tcp
        timeout connect 10s
        timeout client 30s
        timeout server 30s

      frontend apiserver
        bind 192.168.122.211:80
        mode tcp
        option tcplog
        log 127.0.0.1 local0
        default_backend apiserver

      backend apiserver
        mode tcp
        balance     roundrobin
        server backend-1 192.168.122.112:80  check
        server backend-2 192.168.122.197:80 check
      """;

  static final List<String> TOKENS = List.of("frontend", "backend", "listen", "defaults",
      "global", "server", "bind", "*:80", ":99999", "1.2.3.4:", "check", "inter", "0", "-5",
      "10s", "10x", "fall", "rise", "weight", "300", "balance", "leastconn", "source", "first",
      "static-rr", "timeout", "connect", "queue", "retries", "option", "redispatch", "httpchk",
      "mode", "http", "tcp", "default_backend", "use_backend", "if", "\n", " ", "#", "\"", "\\",
      "maxconn", "backup", "disabled", "observe", "layer4", "stats", "uri", "\u0000", "ß");

  static final String TARGET = "haproxy.cfg";

  @AfterAll
  static void writeLedger() {
    FuzzLedger.write(TARGET);
  }

  @Test
  void mutatedArticleConfigGivesAConfigOrALineNumberedError() {
    Cases.forEach("HaproxyConfigParserFuzzTest.mutatedArticle", Cases.fuzzTries(),
        ConfigMutations.of(ARTICLE, TOKENS),
        HaproxyConfigParserFuzzTest::assertParsesOrNamesALine);
  }

  @Test
  void tokenSoupGivesAConfigOrALineNumberedError() {
    Cases.forEach("HaproxyConfigParserFuzzTest.tokenSoup", Cases.fuzzTries(),
        ConfigMutations.soup(TOKENS), HaproxyConfigParserFuzzTest::assertParsesOrNamesALine);
  }

  static void assertParsesOrNamesALine(String text) {
    long lines = text.lines().count() + 1;
    try {
      HaproxyConfigParser.parse(Path.of("fuzz.cfg"), text);
      FuzzLedger.count(TARGET, "parsed");
    } catch (ConfigException e) {
      FuzzLedger.count(TARGET, "error");
      assertThat(e.line()).as("line of '%s' within the input", e.getMessage())
          .isBetween(0, (int) lines);
      assertThat(e.getMessage()).as("message names the file").startsWith("fuzz.cfg:");
    }
  }
}
