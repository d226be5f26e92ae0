package lbchaos.harness.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lbchaos.event.ConfigReload;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import org.junit.jupiter.api.Test;

/**
 * Lines in keepalived 2.2.7's formats (keepalived/vrrp/vrrp.c, vrrp_scheduler.c, vrrp_track.c
 * log_message strings), in syslog and console (-l -n) form. Real captured lines are to be added.
 */
class KeepalivedLogAdapterTest {

  static final String VIP = "10.0.0.100";

  static List<Event> feed(LogAdapter a, String... lines) {
    List<Event> out = new ArrayList<>();
    long t = 1_000;
    for (String l : lines) {
      out.addAll(a.parse(t++, "loadbalancer-2", l));
    }
    return out;
  }

  static List<VrrpStateChange> states(List<Event> es) {
    return es.stream().filter(VrrpStateChange.class::isInstance)
        .map(VrrpStateChange.class::cast).toList();
  }

  static List<VipChange> vips(List<Event> es) {
    return es.stream().filter(VipChange.class::isInstance).map(VipChange.class::cast).toList();
  }

  @Test
  void backupTakesOverWhenTheMasterDies() {
    List<Event> es = feed(LogAdapters.keepalived(Map.of("VI_1", List.of(VIP))),
        "Keepalived_vrrp[645]: (VI_1) Entering BACKUP STATE (init)",
        "Keepalived_vrrp[645]: (VI_1) Receive advertisement timeout",
        "Keepalived_vrrp[645]: (VI_1) Entering MASTER STATE",
        "Keepalived_vrrp[645]: (VI_1) Sending/queueing gratuitous ARPs on eth0 for 10.0.0.100");
    assertThat(states(es)).as("INIT -> BACKUP -> MASTER").containsExactly(
        new VrrpStateChange(1_000, "loadbalancer-2", "VI_1", VrrpRole.INIT, VrrpRole.BACKUP,
            "init"),
        new VrrpStateChange(1_002, "loadbalancer-2", "VI_1", VrrpRole.BACKUP, VrrpRole.MASTER,
            "master down timer expired"));
    assertThat(vips(es)).as("VIP added on MASTER, once")
        .containsExactly(new VipChange(1_002, "loadbalancer-2", VIP, true));
    assertThat(es.getLast()).as("GARP line kept for the timeline").isInstanceOf(LogLine.class);
  }

  @Test
  void masterStepsDownForAHigherPriorityAdvert() {
    List<Event> es = feed(LogAdapters.keepalived(Map.of("VI_1", List.of(VIP))),
        "Sun Mar 10 12:00:00 2024: (VI_1) Entering MASTER STATE",
        "Sun Mar 10 12:00:09 2024: (VI_1) Master received advert from 10.0.0.2 with higher"
            + " priority 255, ours 254",
        "Sun Mar 10 12:00:09 2024: (VI_1) Entering BACKUP STATE");
    List<VrrpStateChange> s = states(es);
    assertThat(s).extracting(VrrpStateChange::to).as("roles")
        .containsExactly(VrrpRole.MASTER, VrrpRole.BACKUP);
    assertThat(s.getFirst().reason()).as("first master at start-up").isEqualTo("start-up");
    assertThat(s.get(1).reason()).as("reason from the line before")
        .isEqualTo("higher priority advert from 10.0.0.2 (priority 255)");
    assertThat(vips(es)).extracting(VipChange::added).as("added then removed")
        .containsExactly(true, false);
  }

  @Test
  void preemptionAndPriorityZeroReasons() {
    LogAdapter a = LogAdapters.keepalived();
    List<Event> es = feed(a,
        "Keepalived_vrrp[7]: (VI_1) Entering BACKUP STATE (init)",
        "Keepalived_vrrp[7]: (VI_1) received lower priority (254) advert from 10.0.0.3 -"
            + " discarding",
        "Keepalived_vrrp[7]: (VI_1) Entering MASTER STATE");
    assertThat(states(es).getLast().reason()).as("preempt")
        .isEqualTo("preempting 10.0.0.3 (priority 254)");
    assertThat(vips(es)).as("placeholder VIP without config")
        .containsExactly(new VipChange(1_002, "loadbalancer-2", "instance:VI_1", true));
    List<Event> es2 = feed(LogAdapters.keepalived(),
        "Keepalived_vrrp[7]: (VI_1) Entering BACKUP STATE (init)",
        "Keepalived_vrrp[7]: (VI_1) Backup received priority 0 advertisement",
        "Keepalived_vrrp[7]: (VI_1) Entering MASTER STATE");
    assertThat(states(es2).getLast().reason()).as("priority 0 fast path")
        .isEqualTo("priority 0 advert: master resigned");
  }

  @Test
  void gracefulStopRemovesTheVip() {
    List<Event> es = feed(LogAdapters.keepalived(Map.of("VI_1", List.of(VIP))),
        "Keepalived_vrrp[645]: (VI_1) Entering MASTER STATE",
        "Keepalived_vrrp[645]: (VI_1) sent 0 priority",
        "Keepalived_vrrp[645]: (VI_1) removing VIPs.",
        "Keepalived_vrrp[645]: Stopping",
        "Keepalived[644]: Stopping Keepalived v2.2.7 (01/16,2022)");
    assertThat(vips(es)).as("removed once, at the removing line")
        .containsExactly(new VipChange(1_000, "loadbalancer-2", VIP, true),
            new VipChange(1_002, "loadbalancer-2", VIP, false));
    assertThat(states(es)).extracting(VrrpStateChange::to).as("MASTER then STOP")
        .containsExactly(VrrpRole.MASTER, VrrpRole.STOP);
  }

  @Test
  void aReloadIsAConfigReloadAndKeepsTheState() {
    List<Event> es = feed(LogAdapters.keepalived(Map.of("VI_1", List.of(VIP))),
        "Keepalived_vrrp[645]: (VI_1) Entering MASTER STATE",
        "Keepalived[644]: Reloading ...",
        "Keepalived_vrrp[645]: Reloading",
        "Keepalived[644]: New config failed validation, see /tmp/check.log for details");
    assertThat(es.stream().filter(ConfigReload.class::isInstance).map(ConfigReload.class::cast))
        .as("once for the VRRP process's reload, once for a refused one")
        .extracting(ConfigReload::applied).containsExactly(true, false);
    assertThat(states(es)).extracting(VrrpStateChange::to).as("still MASTER, no STOP")
        .containsExactly(VrrpRole.MASTER);
    assertThat(vips(es)).as("the VIP stays").containsExactly(
        new VipChange(1_000, "loadbalancer-2", VIP, true));
  }

  @Test
  void faultAndEffectivePriorityAndScripts() {
    List<Event> es = feed(LogAdapters.keepalived(),
        "Keepalived_vrrp[9]: VRRP_Script(check_apiserver) failed (exited with status 1)",
        "Keepalived_vrrp[9]: (VI_1) Changing effective priority from 254 to 252",
        "Keepalived_vrrp[9]: (VI_1) Entering BACKUP STATE",
        "Keepalived_vrrp[9]: (VI_1) Entering FAULT STATE (init)",
        "VRRP_Instance(VI_2) Entering MASTER STATE",
        "Keepalived_vrrp[9]: VRRP_Script(check_apiserver) succeeded",
        "Keepalived_vrrp[9]: (VI_1) Received advert from 10.0.0.3 with lower priority 100, ours"
            + " 254, forcing new election",
        "");
    List<VrrpStateChange> s = states(es);
    assertThat(s.getFirst().reason()).as("effective priority explains BACKUP")
        .isEqualTo("effective priority 254 -> 252");
    assertThat(s.get(1).to()).as("FAULT").isEqualTo(VrrpRole.FAULT);
    assertThat(s.get(2).instance()).as("1.x form").isEqualTo("VI_2");
    assertThat(es.stream().filter(LogLine.class::isInstance).count())
        .as("script, priority and advert lines kept; blank dropped").isEqualTo(4);
  }
}
