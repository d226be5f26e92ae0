package lbchaos.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import lbchaos.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Every error of a malformed keepalived.conf in one pass, each with file:line (keepalived -t). */
class KeepalivedParserErrorsTest {

  static final Path F = Path.of("keepalived.conf");

  /** The article's second LB (harness/src/test/resources/article/keepalived-lb2.conf). */
  static final String ARTICLE_LB2 = """
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
          state BACKUP
          interface enp1s0
          virtual_router_id 51
          priority 254
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

  static ConfigException errors(String text) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> KeepalivedParser.parse(F,
        text));
    assertThat(t).as("a ConfigException").isInstanceOf(ConfigException.class);
    return (ConfigException) t;
  }

  static List<String> lines(ConfigException e) {
    return e.problems().stream().map(ConfigException.Problem::toString).toList();
  }

  @Test
  void theArticleConfigParses() {
    assertThat(KeepalivedParser.parse(F, ARTICLE_LB2).instances()).as("baseline").hasSize(1);
  }

  @Test
  void aBlockLeftOpenAndABadValueAreBothReported() {
    // The case: the instance's closing brace (line 33) gone, priority banana at line 19.
    String text = ARTICLE_LB2.replace("priority 254", "priority banana")
        .replaceFirst("(?s)\\n}\\n$", "\n");
    ConfigException e = errors(text);
    assertThat(lines(e)).as("both, sorted by line").containsExactly(
        "keepalived.conf:15: block opened here is never closed",
        "keepalived.conf:19: priority must be an integer, was 'banana'");
    assertThat(e.getMessage()).as("the message lists them one per line").isEqualTo(
        String.join("\n", lines(e)));
    assertThat(e.line()).as("the first").isEqualTo(15);
  }

  @Test
  void aMissingInnerBraceIsFoundByIndentationAndTheRestIsReadWhereItBelongs() {
    // authentication's "}" (line 23) gone: the instance's last "}" is level with vrrp_instance,
    // so authentication ended before it and virtual_ipaddress etc. are still the instance's.
    String text = ARTICLE_LB2.replace("    auth_pass mypass\n    }\n", "    auth_pass mypass\n")
        .replace("priority 254", "priority 300");
    assertThat(lines(errors(text))).as("the open block and the bad value, nothing cascading")
        .containsExactly("keepalived.conf:19: priority must be 1..255, was 300",
            "keepalived.conf:20: block opened here is never closed");
  }

  @Test
  void aTopLevelKeywordAtColumnZeroEndsABlockLeftOpen() {
    String text = "vrrp_instance A {\n interface eth0\n virtual_router_id 1\n"
        + " virtual_ipaddress {\n  10.0.0.1\n }\n priority 0\n" // no "}"
        + "vrrp_instance B {\n interface eth0\n virtual_router_id two\n"
        + " virtual_ipaddress {\n  10.0.0.2\n }\n}\n";
    assertThat(lines(errors(text))).as("A left open, and B's own error").containsExactly(
        "keepalived.conf:1: block opened here is never closed",
        "keepalived.conf:7: priority must be 1..255, was 0",
        "keepalived.conf:10: virtual_router_id must be an integer, was 'two'");
  }

  @Test
  void errorsInEveryBlockAreAllListed() {
    String text = """
        global_defs {
          vrrp_version 4
        }
        vrrp_script chk {
          script /bin/true
          weight 300
        }
        vrrp_instance VI_1 {
          state PRIMARY
          interface eth0
          virtual_router_id 51
          advert_int fast
          virtual_ipaddress {
            10.0.0.300/24
            10.0.0.7 dev
          }
          unicast_peer {
            10.0.0
          }
        }
        vrrp_instance VI_2 {
          virtual_ipaddress {
            10.0.0.8
          }
        }
        }
        """;
    assertThat(lines(errors(text))).as("each error once, with its line").containsExactly(
        "keepalived.conf:2: vrrp_version must be 2..3, was 4",
        "keepalived.conf:6: weight must be -253..253, was 300",
        "keepalived.conf:9: state must be MASTER or BACKUP, was PRIMARY",
        "keepalived.conf:12: advert_int must be a number of seconds, was 'fast'",
        "keepalived.conf:14: not an IPv4 address: '10.0.0.300'",
        "keepalived.conf:15: virtual_ipaddress option dev needs a value",
        "keepalived.conf:18: not an IPv4 address: '10.0.0'",
        "keepalived.conf:21: vrrp_instance VI_2: interface is required",
        "keepalived.conf:21: vrrp_instance VI_2: virtual_router_id is required",
        "keepalived.conf:26: '}' without an open block");
  }

  @Test
  void strayBracesAndAnUnterminatedQuoteAreReportedAndSkipped() {
    String text = "{\n}\nvrrp_script c {\n script \"/bin/x\n interval 0\n}\n}\n";
    assertThat(lines(errors(text))).containsExactly(
        "keepalived.conf:1: '{' without a keyword before it",
        "keepalived.conf:4: unterminated quoted string",
        "keepalived.conf:5: interval must be positive",
        "keepalived.conf:7: '}' without an open block");
  }

  @Test
  void indentationNeverChangesHowABalancedFileIsRead() {
    // Braces that match, sloppily indented: read by the braces alone.
    String text = "vrrp_instance VI_1 {\ninterface eth0\n    virtual_router_id 51\n"
        + "      virtual_ipaddress {\n10.0.0.1\n}\n  priority 90\n          }\n";
    VrrpInstance i = KeepalivedParser.parse(F, text).instances().getFirst();
    assertThat(i.priority()).as("priority after a '}' at column 0 is still the instance's")
        .isEqualTo(90);
    assertThat(i.virtualAddresses()).as("VIP").hasSize(1);
  }

  @Test
  void aSingleErrorStaysASingleLine() {
    assertThatThrownBy(() -> KeepalivedParser.parse(F, KeepalivedParserTest.instance(
        " priority 300\n"))).isInstanceOfSatisfying(ConfigException.class,
            e -> assertThat(e.problems()).as("one").hasSize(1))
        .hasMessage("keepalived.conf:7: priority must be 1..255, was 300");
  }
}
