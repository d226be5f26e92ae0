package lbchaos.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import lbchaos.config.JavaRefusal;
import lbchaos.vrrp.config.KeywordSupport.Rule;
import lbchaos.vrrp.config.KeywordSupport.Where;
import org.junit.jupiter.api.Test;

/**
 * Refuse, don't drift: every keyword KeywordSupport refuses is a {@link JavaRefusal} at its line,
 * every one it warns is a warning and no refusal, and what the agent implements is neither.
 */
class KeywordSupportTest {

  static final Path F = Path.of("k.conf");

  static final String SCRIPT = "vrrp_script chk {\n script /bin/true\n weight 2\n}\n";

  /** A config with {@code line} written where {@code where} says, and the line it lands on. */
  record Placed(String text, int line) {}

  static Placed place(Where where, String line) {
    String head = SCRIPT + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n";
    return switch (where) {
      case TOP -> new Placed(line + "\n" + head + " virtual_ipaddress {\n  10.0.0.1/24\n }\n}\n",
          1);
      case GLOBAL_DEFS -> new Placed("global_defs {\n " + line + "\n}\n" + head
          + " virtual_ipaddress {\n  10.0.0.1/24\n }\n}\n", 2);
      case VRRP_INSTANCE -> new Placed(head + " " + line + "\n virtual_ipaddress {\n"
          + "  10.0.0.1/24\n }\n}\n", 8);
      case VRRP_SCRIPT -> new Placed("vrrp_script chk {\n script /bin/true\n " + line + "\n}\n"
          + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
          + " virtual_ipaddress {\n  10.0.0.1/24\n }\n track_script {\n  chk\n }\n}\n", 3);
      case TRACK_SCRIPT -> new Placed(head + " virtual_ipaddress {\n  10.0.0.1/24\n }\n"
          + " track_script {\n  chk " + line + "\n }\n}\n", 12);
      case VIRTUAL_IPADDRESS -> new Placed(head + " virtual_ipaddress {\n  10.0.0.1/24 " + line
          + "\n }\n}\n", 9);
      case VRRP_SYNC_GROUP -> {
        String before = head + " virtual_ipaddress {\n  10.0.0.1/24\n }\n}\n"
            + "vrrp_instance VI_2 {\n interface eth0\n virtual_router_id 52\n"
            + " virtual_ipaddress {\n  10.0.0.2/24\n }\n}\n"
            + "vrrp_sync_group VG {\n group {\n  VI_1\n  VI_2\n }\n";
        yield new Placed(before + " " + line + "\n}\n", (int) before.lines().count() + 1);
      }
    };
  }

  /** The keyword as a user would write it, with a value that is not keepalived's default. */
  static String written(Rule r) {
    return switch (r.where()) {
      case TRACK_SCRIPT -> "weight 2 " + r.keyword();
      case VRRP_SCRIPT -> r.keyword().equals("reverse") ? "weight 2 reverse" : r.keyword() + " 7";
      // A fifo script is refused only with a user after it.
      default -> r.keyword().endsWith("notify_fifo_script") ? r.keyword() + " /bin/true nobody"
          : r.keyword() + " 7";
    };
  }

  @Test
  void everyRefusedKeywordIsARefusalAtItsLine() {
    List<Rule> refused = KeywordSupport.rules().stream().filter(Rule::refused).toList();
    assertThat(refused).as("the table refuses something").hasSizeGreaterThan(40);
    for (Rule r : refused) {
      Placed p = place(r.where(), written(r));
      KeepalivedConfig c = KeepalivedParser.parse(F, p.text());
      assertThat(c.javaRefusals()).as("%s %s", r.where(), r.keyword()).singleElement()
          .satisfies(x -> {
            assertThat(x.line()).as("%s: line", r.keyword()).isEqualTo(p.line());
            assertThat(x.toString()).as("%s: message", r.keyword())
                .startsWith("k.conf:" + p.line() + ": the java agent does not implement "
                    + r.keyword())
                .contains(r.why()).endsWith("; run --stack reference");
          });
    }
  }

  @Test
  void everyWarnedKeywordIsAWarningAndNoRefusal() {
    List<Rule> warned = KeywordSupport.rules().stream().filter(r -> !r.refused()).toList();
    assertThat(warned).as("the table warns something").hasSizeGreaterThan(40);
    for (Rule r : warned) {
      Placed p = place(r.where(), written(r));
      KeepalivedConfig c = KeepalivedParser.parse(F, p.text());
      assertThat(c.javaRefusals()).as("%s %s: not refused", r.where(), r.keyword()).isEmpty();
      assertThat(c.warnings()).as("%s %s: warned with why", r.where(), r.keyword())
          .anySatisfy(w -> {
            assertThat(w.line()).isEqualTo(p.line());
            assertThat(w.message()).isEqualTo(r.keyword() + " ignored: " + r.why());
          });
    }
  }

  @Test
  void keepalivedsDefaultValuesAreNotRefused() {
    for (String line : List.of("garp_master_delay 5", "garp_master_refresh 0", "unicast_ttl 255",
        "mcast_dst_ip 224.0.0.18", "down_timer_adverts 3", "strict_mode off")) {
      KeepalivedConfig c = KeepalivedParser.parse(F, place(Where.VRRP_INSTANCE, line).text());
      assertThat(c.javaRefusals()).as(line).isEmpty();
    }
    KeepalivedConfig g = KeepalivedParser.parse(F, place(Where.GLOBAL_DEFS,
        "vrrp_garp_master_delay 5").text());
    assertThat(g.javaRefusals()).as("global default").isEmpty();
    KeepalivedConfig four = KeepalivedParser.parse(F, place(Where.VRRP_INSTANCE,
        "down_timer_adverts 4").text());
    assertThat(four.javaRefusals()).as("another value names it").singleElement()
        .satisfies(r -> assertThat(r.keyword()).isEqualTo("down_timer_adverts 4"));
    KeepalivedConfig ten = KeepalivedParser.parse(F, place(Where.VRRP_INSTANCE,
        "garp_master_delay 10").text());
    assertThat(ten.javaRefusals()).as("garp_master_delay is implemented (issue 20 item 6)")
        .isEmpty();
    assertThat(ten.instances().getFirst().garpMasterDelay()).as("read")
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void whatTheAgentImplementsIsNeitherRefusedNorWarned() throws Exception {
    KeepalivedConfig article = KeepalivedParser.parse(KeepalivedParserTest.resource(
        "article-lb1.conf"));
    assertThat(article.javaRefusals()).as("the article's config").isEmpty();
    String text = """
        global_defs {
          router_id lb1
          vrrp_version 3
        }
        vrrp_script chk {
          script /bin/true
          interval 1
          timeout 2
          weight -20
          fall 2
          rise 2
          init_fail
        }
        vrrp_instance VI_1 {
          state BACKUP
          interface eth0
          virtual_router_id 51
          priority 100
          advert_int 0.5
          nopreempt
          preempt_delay 3
          unicast_src_ip 10.0.0.2
          unicast_peer {
            10.0.0.3
          }
          garp_master_repeat 3
          virtual_ipaddress {
            10.0.0.1/24 dev eth0 label eth0:1 no_track
          }
          track_script {
            chk weight -10 noreverse
          }
          notify /bin/notify
        }
        """;
    KeepalivedConfig c = KeepalivedParser.parse(F, text);
    assertThat(c.javaRefusals()).as("refusals").isEmpty();
    assertThat(c.warnings()).as("warnings").isEmpty();
  }

  @Test
  void noTrackAtTheEndOfAVipLineParses() {
    // keepalived 2.2.7 vrrp_ipaddress.c: no_track is a flag; it takes no value.
    KeepalivedConfig c = KeepalivedParser.parse(F, place(Where.VIRTUAL_IPADDRESS,
        "dev eth0 no_track").text());
    VirtualAddress vip = c.instances().getFirst().virtualAddresses().getFirst();
    assertThat(vip.noTrack()).as("no_track").isTrue();
    assertThat(vip.device()).as("dev before it").contains("eth0");
    assertThat(c.warnings()).as("nothing to warn: the agent never watches its VIPs").isEmpty();
    assertThat(c.javaRefusals()).as("nor to refuse").isEmpty();
    VirtualAddress plain = KeepalivedParser.parse(F, place(Where.VIRTUAL_IPADDRESS, "").text())
        .instances().getFirst().virtualAddresses().getFirst();
    assertThat(plain.noTrack()).as("without it").isFalse();
    assertThat(KeepalivedParser.parse(F, place(Where.VIRTUAL_IPADDRESS, "no_track dev eth0")
        .text()).instances().getFirst().virtualAddresses().getFirst().device())
        .as("no_track before another option").contains("eth0");
  }

  @Test
  void reverseIsReadAsKeepalivedDoesAndRefused() {
    KeepalivedConfig entry = KeepalivedParser.parse(F, place(Where.TRACK_SCRIPT,
        "weight 5 reverse").text());
    TrackedScript t = entry.instances().getFirst().trackScripts().getFirst();
    assertThat(t.reverse()).as("reverse on the entry").isTrue();
    assertThat(t.weight()).as("weight").isEqualTo(5);
    assertThat(entry.javaRefusals()).as("refused at the entry's line").singleElement()
        .satisfies(r -> assertThat(r.line()).isEqualTo(12));

    // vrrp_script's "weight N reverse" is the default of the entries tracking it...
    String scriptReverse = "vrrp_script chk {\n script /bin/true\n weight -4 reverse\n}\n"
        + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
        + " virtual_ipaddress {\n  10.0.0.1/24\n }\n track_script {\n  chk\n }\n}\n";
    KeepalivedConfig fromScript = KeepalivedParser.parse(F, scriptReverse);
    assertThat(fromScript.instances().getFirst().trackScripts().getFirst().reverse())
        .as("inherited").isTrue();
    assertThat(fromScript.javaRefusals()).as("refused where it takes effect").singleElement()
        .satisfies(r -> assertThat(r.keyword()).isEqualTo("reverse (the weight of vrrp_script"
            + " chk)"));
    // ...which noreverse on the entry undoes: nothing reversed, nothing refused.
    KeepalivedConfig undone = KeepalivedParser.parse(F, scriptReverse.replace("  chk\n",
        "  chk weight -4 noreverse\n"));
    assertThat(undone.instances().getFirst().trackScripts().getFirst().reverse())
        .as("noreverse").isFalse();
    assertThat(undone.javaRefusals()).as("not refused").isEmpty();
    // An untracked reversed script changes nothing.
    assertThat(KeepalivedParser.parse(F, scriptReverse.replace(" track_script {\n  chk\n }\n",
        "")).javaRefusals()).as("untracked").isEmpty();
  }

  @Test
  void reversedWeightsCountTheOtherWayRound() {
    // keepalived 2.2 vrrp_track.c: the weight multiplier -1 once every script has reported.
    String text = "vrrp_script up {\n script a\n weight 10\n}\n"
        + "vrrp_script down {\n script b\n weight -20\n}\n"
        + "vrrp_script hard {\n script c\n}\n"
        + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 100\n"
        + " virtual_ipaddress {\n  10.0.0.1/24\n }\n"
        + " track_script {\n  up weight 10 reverse\n  down weight -20 reverse\n"
        + "  hard weight 0 reverse\n }\n}\n";
    VrrpInstance i = KeepalivedParser.parse(F, text).instances().getFirst();
    assertThat(i.effectivePriority(Set.of("hard"))).as("up ok: -10, down ok: 0").isEqualTo(90);
    assertThat(i.effectivePriority(Set.of("up", "down", "hard"))).as("up failing: 0, down"
        + " failing: +20").isEqualTo(120);
    assertThat(i.faulted(Set.of())).as("weight 0 reversed: FAULT while it succeeds").isTrue();
    assertThat(i.faulted(Set.of("hard"))).as("and up while it fails").isFalse();
  }

  @Test
  void anUnknownTrackScriptOptionDropsTheEntryAsKeepalivedDoes() {
    KeepalivedConfig c = KeepalivedParser.parse(F, place(Where.TRACK_SCRIPT, "weigth 5").text());
    assertThat(c.instances().getFirst().trackScripts()).as("dropped").isEmpty();
    assertThat(c.warnings()).as("said so").singleElement()
        .satisfies(w -> assertThat(w.message()).contains("keepalived ignores this entry"));
  }
}
