package lbchaos.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import lbchaos.fuzz.Cases;
import lbchaos.fuzz.ConfigMutations;
import lbchaos.fuzz.FuzzLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated keepalived.conf text: the parser either returns a config or throws a
 * ConfigException naming a line inside the input, never anything else. Each property runs
 * {@code fuzz.tries} seeded cases (1,000 by default; the agents' {@code fuzz} profile, which
 * `nightly` runs, 100,000).
 */
class KeepalivedParserFuzzTest {

  static final String ARTICLE = """
      global_defs {
      router_id LVS_DEVEL
      script_user root
      enable_script_security
      }
      vrrp_script check_apiserver {
        script "/etc/keepalived/check_apiserver.sh"
        interval 3
        weight -2
        fall 10
        rise 2
      }
      vrrp_instance VI_1 {
          state MASTER
          interface enp1s0
          virtual_router_id 51
          priority 255
          authentication {
          auth_type PASS
          auth_pass mypass
          }
          virtual_ipaddress {
              192.168.122.211/24
          }
          track_script {
              check_apiserver
          }
          notify_master "/etc/keepalived/status_capture.sh MASTER"
          notify_backup "/etc/keepalived/status_capture.sh BACKUP"
          notify_fault  "/etc/keepalived/status_capture.sh FAULT"
      }
      """;

  static final List<String> TOKENS = List.of("{", "}", "\"", "!", "#", "vrrp_instance",
      "vrrp_script", "global_defs", "priority", "256", "-1", "0", "advert_int", "0.1", "version",
      "3", "virtual_router_id", "virtual_ipaddress", "192.168.1.1/33", "1.2.3.4/24", "track_script",
      "weight", "fall", "rise", "interval", "state", "BACKUP", "MASTER", "nopreempt",
      "preempt_delay", "unicast_peer", "authentication", "auth_pass", "123456789", "\n", " ",
      "include", "interface", "eth0", "\t", "\u0000", "é");

  static final String TARGET = "keepalived.conf";

  @AfterAll
  static void writeLedger() {
    FuzzLedger.write(TARGET);
  }

  @Test
  void mutatedArticleConfigGivesAConfigOrALineNumberedError() {
    Cases.forEach("KeepalivedParserFuzzTest.mutatedArticle", Cases.fuzzTries(),
        ConfigMutations.of(ARTICLE, TOKENS), KeepalivedParserFuzzTest::assertParsesOrNamesALine);
  }

  @Test
  void tokenSoupGivesAConfigOrALineNumberedError() {
    Cases.forEach("KeepalivedParserFuzzTest.tokenSoup", Cases.fuzzTries(),
        ConfigMutations.soup(TOKENS), KeepalivedParserFuzzTest::assertParsesOrNamesALine);
  }

  static void assertParsesOrNamesALine(String text) {
    long lines = text.lines().count() + 1;
    try {
      KeepalivedParser.parse(Path.of("fuzz.conf"), text);
      FuzzLedger.count(TARGET, "parsed");
    } catch (ConfigException e) {
      FuzzLedger.count(TARGET, "error");
      assertThat(e.line()).as("line of '%s' within the input", e.getMessage())
          .isBetween(0, (int) lines);
      assertThat(e.getMessage()).as("message names the file").startsWith("fuzz.conf:");
    }
  }
}
