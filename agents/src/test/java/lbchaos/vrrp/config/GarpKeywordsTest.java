package lbchaos.vrrp.config;

import static lbchaos.vrrp.config.KeepalivedParserTest.F;
import static lbchaos.vrrp.config.KeepalivedParserTest.instance;
import static lbchaos.vrrp.config.KeepalivedParserTest.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import lbchaos.config.ConfigException;
import lbchaos.vrrp.state.Garp;
import org.junit.jupiter.api.Test;

/** The GARP keywords with keepalived 2.2.7's ranges, defaults and global defaults. */
class GarpKeywordsTest {

  static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  static Garp garp(String global, String body) {
    String text = (global.isEmpty() ? "" : "global_defs {\n" + global + "}\n") + instance(body);
    KeepalivedConfig c = KeepalivedParser.parse(F, text);
    assertThat(c.javaRefusals()).as("nothing refused").isEmpty();
    return only(c).garp();
  }

  @Test
  void keepalivedsDefaults() {
    assertThat(garp("", "")).isEqualTo(new Garp(s(5), 5, Duration.ZERO, 1, s(5), 5, false));
  }

  @Test
  void everyInstanceKeyword() {
    assertThat(garp("", """
         garp_master_delay 2
         garp_master_repeat 3
         garp_master_refresh 4
         garp_master_refresh_repeat 2
         garp_lower_prio_delay 7
         garp_lower_prio_repeat 0
         higher_prio_send_advert
        """)).isEqualTo(new Garp(s(2), 3, s(4), 2, s(7), 0, true));
  }

  @Test
  void lowerPrioDefaultsToTheGlobalMasterValuesNotTheInstancesOwn() {
    // vrrp.c vrrp_complete_init: unset global lower prio values take the global master ones,
    // and an instance without its own takes the global.
    Garp g = garp(" vrrp_garp_master_delay 3\n vrrp_garp_master_repeat 2\n",
        " garp_master_delay 9\n garp_master_repeat 4\n");
    assertThat(g.masterDelay()).isEqualTo(s(9));
    assertThat(g.masterRepeat()).isEqualTo(4);
    assertThat(g.lowerPrioDelay()).as("global vrrp_garp_master_delay").isEqualTo(s(3));
    assertThat(g.lowerPrioRepeat()).as("global vrrp_garp_master_repeat").isEqualTo(2);
  }

  @Test
  void globalDefaultsApplyToInstancesThatDoNotSetThem() {
    Garp g = garp("""
         vrrp_garp_master_refresh 60
         vrrp_garp_master_refresh_repeat 2
         vrrp_garp_lower_prio_delay 1
         vrrp_garp_lower_prio_repeat 3
         vrrp_higher_prio_send_advert true
        """, " garp_master_refresh 0\n");
    assertThat(g).isEqualTo(new Garp(s(5), 5, Duration.ZERO, 2, s(1), 3, true));
  }

  @Test
  void minGarpChangesOnlyWhatIsStillDefault() {
    assertThat(garp(" vrrp_min_garp\n", "")).as("alone")
        .isEqualTo(new Garp(Duration.ZERO, 1, Duration.ZERO, 0, Duration.ZERO, 1, false));
    assertThat(garp(" vrrp_garp_master_repeat 3\n vrrp_min_garp true\n", "")).as("set before")
        .isEqualTo(new Garp(Duration.ZERO, 3, Duration.ZERO, 0, Duration.ZERO, 3, false));
    assertThat(garp(" vrrp_min_garp\n vrrp_garp_master_delay 4\n", "")).as("set after")
        .isEqualTo(new Garp(s(4), 1, Duration.ZERO, 0, s(4), 1, false));
    assertThat(garp(" vrrp_min_garp off\n", "")).as("off").isEqualTo(Garp.DEFAULT);
  }

  @Test
  void errorsNameTheFileAndLineAndTheParseGoesOn() {
    String text = "global_defs {\n vrrp_garp_master_delay 4295\n}\n" + instance("""
         garp_master_repeat 0
         garp_master_refresh -1
         garp_lower_prio_delay 2.5
         higher_prio_send_advert maybe
        """);
    assertThatThrownBy(() -> KeepalivedParser.parse(F, text))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
            .extracting(p -> p.file() + ":" + p.line() + " " + p.message()).containsExactly(
                "test.conf:2 vrrp_garp_master_delay must be 0..4294, was 4295",
                "test.conf:10 garp_master_repeat must be greater than 0 (keepalived sets it"
                    + " to 1)",
                "test.conf:11 garp_master_refresh must be 0..2147483647, was -1",
                "test.conf:12 garp_lower_prio_delay must be an integer, was '2.5'",
                "test.conf:13 invalid higher_prio_send_advert 'maybe': true, on, yes, false,"
                    + " off or no"));
  }

  @Test
  void garpIntervalIsStillRefusedButItsNoOpValueIsNot() {
    String refused = "global_defs {\n vrrp_garp_interval 0.001\n}\n" + instance("");
    assertThat(KeepalivedParser.parse(F, refused).javaRefusals()).singleElement()
        .satisfies(r -> assertThat(r.why()).contains("spaces the gratuitous ARPs"));
    assertThat(KeepalivedParser.parse(F, "global_defs {\n vrrp_garp_interval 0\n}\n"
        + instance("")).javaRefusals()).isEmpty();
  }
}
