package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.Event;
import lbchaos.event.LogLine;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.net.RtNetlink.Link;
import lbchaos.vrrp.state.Input;
import org.junit.jupiter.api.Test;

/**
 * Link events through the watcher's bookkeeping into a track monitor's machine inputs, without a
 * socket: the kernel's messages are fed to {@link LinkWatcher#apply}.
 */
class LinkTrackingTest {

  static final int UP = 0x1 | 0x40 | 0x1000; // IFF_UP | IFF_RUNNING | IFF_LOWER_UP
  static final int DOWN = 0x1000 & 0; // set down: no flag of interest

  final List<Input> inputs = new ArrayList<>();
  final List<Event> events = new ArrayList<>();

  static Link eth(int index, String name, int flags) {
    return new Link(index, name, flags, false);
  }

  TrackMonitor monitor(LinkWatcher w, String body) {
    VrrpInstance cfg = KeepalivedParser.parse(Path.of("t.conf"), """
        vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 51
          priority 100
          virtual_ipaddress {
            10.0.0.211/24
          }
        %s}
        """.formatted(body)).instances().getFirst();
    return new TrackMonitor(cfg, inputs::add, events::add, "lb1", () -> 0L, (s, t) -> true, w);
  }

  @Test
  void theOwnLinkGoingDownIsFaultAndComingBackIsOk() {
    LinkWatcher w = new LinkWatcher(List.of(eth(2, "eth0", UP)), l -> { });
    TrackMonitor m = monitor(w, "");
    m.initial();
    m.start();
    assertThat(inputs).as("up at start").containsExactly(new Input.PriorityChanged(100));
    inputs.clear();
    w.apply(List.of(eth(2, "eth0", 0x1000 | 0x1))); // ip link set eth0 down: carrier gone too
    w.apply(List.of(eth(2, "eth0", 0x1000))); // and the admin flag
    assertThat(inputs).as("one FAULT, not two").containsExactly(
        new Input.TrackFault("interface eth0 down"));
    assertThat(events).filteredOn(LogLine.class::isInstance).extracting(e -> ((LogLine) e).line())
        .contains("(VI_1) Netlink reports eth0 down");
    inputs.clear();
    w.apply(List.of(eth(2, "eth0", UP)));
    assertThat(inputs).as("back up").containsExactly(new Input.TrackOk());
    m.close();
  }

  @Test
  void aWeightedLinkMovesThePriority() {
    LinkWatcher w = new LinkWatcher(List.of(eth(2, "eth0", UP), eth(3, "eth1", UP)), l -> { });
    TrackMonitor m = monitor(w, "track_interface {\n eth1 weight -30\n}\n");
    m.initial();
    m.start();
    inputs.clear();
    w.apply(List.of(eth(3, "eth1", DOWN)));
    assertThat(inputs).containsExactly(new Input.PriorityChanged(70));
    inputs.clear();
    w.apply(List.of(eth(3, "eth1", UP)));
    assertThat(inputs).containsExactly(new Input.PriorityChanged(100));
    m.close();
    inputs.clear();
    w.apply(List.of(eth(3, "eth1", DOWN)));
    assertThat(inputs).as("closed: unsubscribed").isEmpty();
  }

  @Test
  void aLinkDownAtStartIsFaultBeforeStartup() {
    LinkWatcher w = new LinkWatcher(List.of(eth(2, "eth0", 0)), l -> { });
    TrackMonitor m = monitor(w, "");
    m.initial();
    assertThat(inputs).containsExactly(new Input.PriorityChanged(100),
        new Input.TrackFault("interface eth0 down"));
  }

  @Test
  void dontTrackPrimaryIgnoresTheOwnLink() {
    LinkWatcher w = new LinkWatcher(List.of(eth(2, "eth0", UP)), l -> { });
    TrackMonitor m = monitor(w, "dont_track_primary\n");
    m.initial();
    m.start();
    inputs.clear();
    w.apply(List.of(eth(2, "eth0", 0)));
    assertThat(inputs).as("nothing").isEmpty();
  }

  @Test
  void aMissingInterfaceIsNotTrackedAndADeletedOneIsDown() {
    LinkWatcher w = new LinkWatcher(List.of(eth(2, "eth0", UP)), l -> { });
    TrackMonitor m = monitor(w, "track_interface {\n eth9 weight 50\n}\n");
    m.initial();
    m.start();
    assertThat(inputs).as("eth9's weight is not counted").containsExactly(
        new Input.PriorityChanged(100));
    assertThat(events).extracting(Object::toString)
        .anySatisfy(e -> assertThat(e).contains("tracked interface eth9 doesn't exist"));
    inputs.clear();
    w.apply(List.of(new Link(2, "eth0", 0, true)));
    assertThat(inputs).as("deleted").containsExactly(new Input.TrackFault("interface eth0 down"));
    inputs.clear();
    // Docker's reconnect: a new index named eth1, renamed eth0 and set up (Disconnect's heal).
    w.apply(List.of(eth(5, "eth1", 0x1000), eth(5, "eth0", 0x1000), eth(5, "eth0", UP)));
    assertThat(inputs).as("eth0 again").containsExactly(new Input.TrackOk());
  }

  @Test
  void changesBeforeStartArePublishedAtStart() {
    LinkWatcher w = new LinkWatcher(List.of(eth(2, "eth0", UP)), l -> { });
    TrackMonitor m = monitor(w, "");
    m.initial();
    w.apply(List.of(eth(2, "eth0", 0)));
    assertThat(inputs).as("held until start").containsExactly(new Input.PriorityChanged(100));
    m.start();
    assertThat(inputs).as("then published").containsExactly(new Input.PriorityChanged(100),
        new Input.TrackFault("interface eth0 down"));
  }
}
