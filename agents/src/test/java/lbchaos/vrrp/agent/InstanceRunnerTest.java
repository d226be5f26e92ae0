package lbchaos.vrrp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import lbchaos.event.Event;
import lbchaos.event.EventWriter;
import lbchaos.event.Events;
import lbchaos.event.StuckOutput;
import lbchaos.event.GarpSeen;
import lbchaos.event.VipChange;
import lbchaos.event.VrrpStateChange;
import lbchaos.event.VrrpStateChange.VrrpRole;
import lbchaos.vrrp.config.KeepalivedParser;
import lbchaos.vrrp.config.VrrpInstance;
import lbchaos.vrrp.state.Input;
import lbchaos.vrrp.state.Params;
import lbchaos.vrrp.state.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner with real timers and fake effects. */
class InstanceRunnerTest {

  static final Inet4Address ME = ip("10.0.0.48");
  final FakeEffects effects = new FakeEffects();
  final List<Event> events = new CopyOnWriteArrayList<>();
  InstanceRunner runner;

  static Inet4Address ip(String s) {
    try {
      return (Inet4Address) Inet4Address.getByName(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  InstanceRunner runner(int priority) {
    VrrpInstance cfg = config(priority);
    Params p = new Params(3, priority, cfg.advertInterval(), true, Duration.ZERO, ME);
    runner = new InstanceRunner(cfg, p, effects, events::add, "lb1", new MonotonicClock());
    return runner;
  }

  static VrrpInstance config(int priority) {
    return config(priority, "10.0.0.211/24");
  }

  @AfterEach
  void close() {
    if (runner != null) {
      runner.close();
    }
  }

  List<VrrpStateChange> changes() {
    return events.stream().filter(VrrpStateChange.class::isInstance)
        .map(VrrpStateChange.class::cast).toList();
  }

  @Test
  void aLoneBackupTakesOverWhenItsMasterDownTimerFiresAndKeepsAdvertising() {
    InstanceRunner r = runner(100);
    r.submit(new Input.Startup());
    await().atMost(Duration.ofSeconds(3)).until(() -> r.state() == State.MASTER);
    await().atMost(Duration.ofSeconds(3)).until(() -> r.advertsSent() >= 3);
    assertThat(changes()).as("state changes with reasons").extracting(
        c -> c.from() + ">" + c.to() + ":" + c.reason()).startsWith(
        "INIT>BACKUP:startup", "BACKUP>MASTER:master down timer");
    assertThat(effects.calls).as("the first advert before the VIP (keepalived's order), then GARP")
        .startsWith("advert 100", "add 10.0.0.211/24", "garp 5");
    assertThat(events).as("VIP and GARP events").anySatisfy(
        e -> assertThat(e).isEqualTo(new VipChange(e.at(), "lb1", "10.0.0.211", true)));
    assertThat(events).as("GARP event").anySatisfy(
        e -> assertThat(e).isInstanceOf(GarpSeen.class));
  }

  @Test
  void aTakeoverByTheTimerReportsWhenTheTimerRanAndTheFirstAdvertLeft() {
    InstanceRunner r = runner(100);
    r.submit(new Input.Startup());
    await().atMost(Duration.ofSeconds(3)).until(() -> changes().size() >= 2);
    VrrpStateChange backup = changes().get(0);
    VrrpStateChange master = changes().get(1);
    assertThat(backup.takeover()).as("INIT>BACKUP carries no takeover").isNull();
    VrrpStateChange.Takeover t = master.takeover();
    assertThat(t).as("BACKUP>MASTER by the timer carries its timings").isNotNull();
    // Both on the runner's clock: the timer never runs before its due time, the advert is sent
    // after the timer ran and before the MASTER report is stamped.
    assertThat(t.timerLateMicros()).as("fired minus due").isNotNegative();
    assertThat(t.advertAt()).as("the advert before the report").isLessThanOrEqualTo(master.at());
  }

  @Test
  void anAddressOwnerBecomesMasterWithoutATimerAndReportsNoTakeover() {
    InstanceRunner r = runner(255);
    r.submit(new Input.Startup());
    await().atMost(Duration.ofSeconds(2)).until(() -> r.state() == State.MASTER);
    await().atMost(Duration.ofSeconds(2)).until(() -> !changes().isEmpty());
    assertThat(changes()).as("INIT>MASTER at once").hasSize(1)
        .allSatisfy(c -> assertThat(c.takeover()).isNull());
  }

  @Test
  void aTaskQueuedAfterStartupSeesTheOwnersFirstAdvertSent() throws Exception {
    InstanceRunner r = runner(255);
    java.util.concurrent.CompletableFuture<List<String>> seen =
        new java.util.concurrent.CompletableFuture<>();
    r.submit(new Input.Startup());
    r.afterQueued(() -> seen.complete(List.copyOf(effects.calls)));
    assertThat(seen.get(2, java.util.concurrent.TimeUnit.SECONDS))
        .as("effects done when the ready signal runs (address owner: MASTER at once)")
        .startsWith("advert 255", "add 10.0.0.211/24");
    assertThat(r.state()).as("state").isEqualTo(State.MASTER);
  }

  @Test
  void shutdownOfAMasterSendsPriorityZeroAndRemovesTheVip() {
    InstanceRunner r = runner(255);
    r.submit(new Input.Startup());
    await().atMost(Duration.ofSeconds(2)).until(() -> r.state() == State.MASTER);
    r.shutdown(Duration.ofSeconds(2));
    assertThat(r.state()).as("stopped").isEqualTo(State.INITIALIZE);
    List<String> calls = effects.calls;
    assertThat(calls.subList(calls.size() - 2, calls.size())).as("last effects")
        .containsExactly("advert 0", "remove 10.0.0.211/24");
    assertThat(changes().getLast().to()).as("reported as STOP").isEqualTo(VrrpRole.STOP);
  }

  @Test
  void aReceivedAdvertRestartsTheMasterDownTimerFromItsArrivalNotFromItsTurnOnTheThread()
      throws Exception {
    // A clock the test moves: the advert arrives at t, the runner's thread gets to it 10 s
    // later (held by a task, as a busy machine holds it). Counted from the arrival, the 3.6 s
    // master down interval (advert 1 s, priority 100) is long over when it is stepped, so the
    // backup takes over at once; counted from its turn it would wait 3.6 s more.
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse(
            "2026-01-01T00:00:00Z"));
    VrrpInstance cfg = config(100, "1", "10.0.0.211/24");
    Params p = new Params(3, 100, cfg.advertInterval(), true, Duration.ZERO, ME);
    runner = new InstanceRunner(cfg, p, effects, events::add, "lb1", now::get);
    runner.submit(new Input.Startup());
    await().atMost(Duration.ofSeconds(2)).until(() -> runner.state() == State.BACKUP);
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    runner.afterQueued(() -> {
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    runner.submitReceived(new Input.AdvertReceived(200, ip("10.0.0.97"), Duration.ofSeconds(1)),
        -1);
    now.set(now.get().plusSeconds(10));
    hold.countDown();
    await("master at once, its master down interval counted from the advert's arrival")
        .atMost(Duration.ofSeconds(2)).until(() -> runner.state() == State.MASTER);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {-1, 200_000_000})
  void theMasterDownTimerCountsFromTheKernelsReceiveTimeWhenTheSocketGivesIt(long ageNanos) {
    // A clock that stands still, so the due time is exact: the advert is stepped at T, and the
    // socket says the kernel had it ageNanos earlier (-1: not known, the read counts). The
    // timer's due time in the takeover report is then T - age + Master_Down_Interval; with the
    // age left out it would be T + Master_Down_Interval for both (the negative case is -1).
    java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
    VrrpInstance cfg = config(100, "0.5", "10.0.0.211/24");
    Params p = new Params(3, 100, cfg.advertInterval(), true, Duration.ZERO, ME);
    runner = new InstanceRunner(cfg, p, effects, events::add, "lb1", () -> t);
    runner.submit(new Input.Startup());
    runner.submitReceived(new Input.AdvertReceived(200, ip("10.0.0.97"), cfg.advertInterval()),
        ageNanos);
    Duration down = lbchaos.vrrp.state.Timing.masterDown(3, 100, cfg.advertInterval());
    await("the takeover once no advert follows").atMost(Duration.ofSeconds(5))
        .until(() -> changes().stream().anyMatch(c -> c.to() == VrrpRole.MASTER));
    VrrpStateChange master = changes().stream().filter(c -> c.to() == VrrpRole.MASTER)
        .findFirst().orElseThrow();
    assertThat(master.takeover().dueAt()).as("the timer's due time, from the advert's arrival")
        .isEqualTo(MonotonicClock.micros(t.minusNanos(Math.max(0, ageNanos)).plus(down)));
  }

  @Test
  void anAdvertWaitingWhenTheMasterDownTimerFiresIsReadFirstAndNoTakeoverFollows()
      throws Exception {
    assertThat(takeoverWithTheMastersAdvertUnread(true)).as("state changes").extracting(
        VrrpStateChange::to).containsExactly(VrrpRole.BACKUP);
  }

  @Test
  void withoutLookingForUnreadAdvertsTheSameTimerTakesOver() throws Exception {
    // The negative of the case above: the runner is told of no unread advert, as before the
    // read-first rule, and the timer wins the race with the reader.
    assertThat(takeoverWithTheMastersAdvertUnread(false)).as("state changes").extracting(
        VrrpStateChange::to).contains(VrrpRole.MASTER);
  }

  /**
   * A backup whose master down timer expires while the master's advert is unread (on the socket
   * or in the reader's hands: a starved node resumes with both threads runnable). When the timer
   * asks, the reader thread starts to hand the advert on; the state changes up to the moment it
   * is stepped are returned. {@code told}: whether the runner learns of the unread advert.
   */
  private List<VrrpStateChange> takeoverWithTheMastersAdvertUnread(boolean told)
      throws Exception {
    InstanceRunner r = runner(100);
    java.util.concurrent.atomic.AtomicBoolean unread =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
    r.readsFirst(() -> {
      asked.countDown();
      return told && unread.get();
    });
    Thread.ofPlatform().start(() -> {
      try {
        asked.await();
        if (!told) {
          // a reader slower than the runner's step (as a starved one is): it moves after it
          java.util.concurrent.CountDownLatch stepped = new java.util.concurrent.CountDownLatch(1);
          r.afterQueued(stepped::countDown);
          stepped.await();
        }
      } catch (InterruptedException e) {
        return;
      }
      r.submitReceived(new Input.AdvertReceived(200, ip("10.0.0.97"), Duration.ofMillis(50)), -1);
      unread.set(false); // queued before it leaves the reader's hands
      r.readerMoved();
    });
    r.submit(new Input.Startup());
    assertThat(asked.await(2, java.util.concurrent.TimeUnit.SECONDS))
        .as("the master down timer expired and looked for unread adverts").isTrue();
    java.util.concurrent.CompletableFuture<List<VrrpStateChange>> stepped =
        new java.util.concurrent.CompletableFuture<>();
    await("the advert stepped").atMost(Duration.ofSeconds(2)).until(() -> !unread.get());
    r.afterQueued(() -> stepped.complete(List.copyOf(changes())));
    return stepped.get(2, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void packetsThatKeepComingButAreNeverAcceptedDelayATakeoverByTheCapAtMost() {
    // Packets always waiting and all dropped (never an input): the backup still takes over,
    // 150 ms (three advert intervals) after its master down interval (180 ms) at the latest;
    // the 2 s bound is that plus a busy machine's scheduling.
    InstanceRunner r = runner(100);
    r.readsFirst(() -> true);
    r.submit(new Input.Startup());
    await().atMost(Duration.ofSeconds(2)).until(() -> r.state() == State.MASTER);
  }

  @Test
  void aWaitingPacketThatIsDroppedLetsTheWaitingTimerFireAtOnce() throws Exception {
    // advert_int 0.5, priority 254: master down 1.5 s, the cap 1.5 s after it. The reader
    // drops the packet it held and says so: the takeover follows at once, not at the cap; 0.75 s
    // is half the cap, for a busy machine.
    VrrpInstance cfg = config(254, "0.5", "10.0.0.211/24");
    runner = new InstanceRunner(cfg, new Params(3, 254, cfg.advertInterval(), true,
        Duration.ZERO, ME), effects, events::add, "lb1", new MonotonicClock());
    java.util.concurrent.atomic.AtomicBoolean held =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
    runner.readsFirst(() -> {
      asked.countDown();
      return held.get();
    });
    runner.submit(new Input.Startup());
    assertThat(asked.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("timer expired").isTrue();
    await("the timer waits while the packet is held").during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(1)).until(() -> runner.state() == State.BACKUP);
    long dropped = System.nanoTime();
    held.set(false);
    runner.readerMoved();
    await().atMost(Duration.ofSeconds(2)).until(() -> runner.state() == State.MASTER);
    assertThat(Duration.ofNanos(System.nanoTime() - dropped)).as("takeover after the drop")
        .isLessThan(Duration.ofMillis(750));
  }

  @Test
  void aHigherAdvertTurnsTheMasterIntoABackupAndNoTimerFiresLater() {
    InstanceRunner r = runner(255);
    r.submit(new Input.Startup());
    await().atMost(Duration.ofSeconds(2)).until(() -> r.state() == State.MASTER);
    r.submit(new Input.AdvertReceived(255, ip("10.0.0.97"), Duration.ofSeconds(10)));
    await().atMost(Duration.ofSeconds(2)).until(() -> r.state() == State.BACKUP);
    long sent = r.advertsSent();
    // the learned 10 s interval keeps us backup; the cancelled advert timer must stay silent
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
        .until(() -> r.advertsSent() == sent && r.state() == State.BACKUP);
    assertThat(effects.calls).as("VIP removed").contains("remove 10.0.0.211/24");
  }

  @Test
  void aNewMasterAdvertsAndSendsGarpWhileItsEventOutputIsStuck() {
    // The agent's real sink: an EventWriter on stdout. A stalled stdout (or Jackson's slow
    // first use) must not hold back the first advert and GARP.
    StuckOutput out = new StuckOutput();
    PrintStream stdout = new PrintStream(out, false, StandardCharsets.UTF_8);
    VrrpInstance cfg = config(255);
    Params p = new Params(3, 255, cfg.advertInterval(), true, Duration.ZERO, ME);
    try (EventWriter writer = VrrpAgent.events(stdout, stdout)) {
      runner = new InstanceRunner(cfg, p, effects, writer, "lb1", new MonotonicClock());
      runner.submit(new Input.Startup());
      await().atMost(Duration.ofSeconds(2)).until(() -> runner.advertsSent() >= 3);
      assertThat(effects.calls).as("advert, VIP and GARP done while nothing could be written")
          .startsWith("advert 255", "add 10.0.0.211/24", "garp 5");
      assertThat(out.lines()).as("stdout still stuck").isEmpty();
      runner.shutdown(Duration.ofSeconds(2));
      out.release();
    }
    List<Event> written = out.lines().stream().map(l -> Events.parse(l).orElseThrow()).toList();
    assertThat(written).as("events in the order things happened, from VIP to stop")
        .extracting(e -> e.getClass().getSimpleName() + (e instanceof VrrpStateChange c
            ? " " + c.from() + ">" + c.to() : ""))
        .containsExactly("VipChange", "GarpSeen", "GarpSeen", "GarpSeen", "GarpSeen", "GarpSeen",
            "VrrpStateChange INIT>MASTER", "VipChange",
            "VrrpStateChange MASTER>STOP");
    assertThat(written).extracting(Event::at).as("time stamps taken when it happened").isSorted();
  }

  static VrrpInstance config(int priority, String vips) {
    return config(priority, "0.05", vips);
  }

  /** VRRPv3, VRID 51 on eth0, at {@code advertInt} seconds. */
  static VrrpInstance config(int priority, String advertInt, String vips) {
    return KeepalivedParser.parse(Path.of("t.conf"), """
        vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 51
          version 3
          advert_int %s
          priority %d
          virtual_ipaddress {
            %s
          }
        }
        """.formatted(advertInt, priority, vips)).instances().getFirst();
  }

  @Test
  void aReloadOfAMasterSwapsOnlyTheChangedAddressesAndAdvertsTheNewPriority() throws Exception {
    InstanceRunner r = runner(255);
    r.submit(new Input.Startup());
    await().atMost(Duration.ofSeconds(2)).until(() -> r.state() == State.MASTER);
    int changesBefore = changes().size();
    VrrpInstance next = config(200, "10.0.0.212/24");
    r.reload(next, new Params(3, 200, next.advertInterval(), true, Duration.ZERO, ME),
        new Input.Reload(200, false, true, true));
    java.util.concurrent.CompletableFuture<List<String>> seen =
        new java.util.concurrent.CompletableFuture<>();
    r.afterQueued(() -> seen.complete(List.copyOf(effects.calls)));
    List<String> calls = seen.get(2, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(calls.subList(calls.indexOf("reconfigure VI_1"), calls.size()))
        .as("the dropped address goes, the new one comes with GARPs, then keepalived's advert")
        .startsWith("reconfigure VI_1", "remove 10.0.0.211/24", "add 10.0.0.212/24", "garp 5",
            "advert 255");
    await().atMost(Duration.ofSeconds(2)).until(() -> effects.calls.contains("advert 200"));
    assertThat(r.state()).as("still master").isEqualTo(State.MASTER);
    assertThat(changes()).as("no state change at the reload").hasSize(changesBefore);
    r.shutdown(Duration.ofSeconds(2));
    assertThat(effects.calls.getLast()).as("shutdown removes the address that is up now")
        .isEqualTo("remove 10.0.0.212/24");
  }
}
