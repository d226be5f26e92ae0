package lbchaos.harness.check;

import lbchaos.verdict.Bound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.FaultEvent;
import lbchaos.event.GarpSeen;
import lbchaos.event.ProbeSample;
import lbchaos.event.ServerState;
import lbchaos.event.VipChange;

/** Synthetic events for check tests; times in seconds for readability, stored in micros. */
final class Synth {

  private Synth() {}

  static long us(double seconds) {
    return Math.round(seconds * 1e6);
  }

  static Bound bound(double seconds, String why) {
    return new Bound(Duration.ofNanos(Math.round(seconds * 1e9)), why);
  }

  static ProbeSample ok(double at, String backend) {
    return new ProbeSample(us(at), "client", us(at) + 2_000, backend, null);
  }

  static ProbeSample fail(double at, ProbeSample.ErrorKind kind) {
    return new ProbeSample(us(at), "client", us(at) + 2_000_000, null, kind);
  }

  static FaultEvent inject(double at, String fault, String target) {
    return new FaultEvent(us(at), "harness", fault, target, FaultEvent.Phase.INJECT, "");
  }

  static FaultEvent heal(double at, String fault, String target) {
    return new FaultEvent(us(at), "harness", fault, target, FaultEvent.Phase.HEAL, "");
  }

  static VipChange vip(double at, String node, boolean added) {
    return new VipChange(us(at), node, "10.0.0.100", added);
  }

  static ServerState server(double at, String lb, String server, boolean up) {
    return new ServerState(us(at), lb, "web", server, up, up ? "Layer4 check passed"
        : "Layer4 connection problem", 0);
  }

  static AdvertSeen advert(double at, String from, int prio) {
    return new AdvertSeen(us(at), "observer", from, 51, prio, 2, 100, true, 255);
  }

  /** A gratuitous ARP for 10.0.0.100 from {@code mac}, as the wire observer records it. */
  static GarpSeen garp(double at, String mac) {
    return new GarpSeen(us(at), "observer", "10.0.0.100", mac);
  }

  /** A burst: {@code n} GARPs from {@code mac} 100 microseconds apart from {@code at}. */
  static List<Event> garps(double at, String mac, int n) {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new GarpSeen(us(at) + 100L * i, "observer", "10.0.0.100", mac));
    }
    return out;
  }

  /** Adverts from one source every second in [from, to). */
  static List<Event> adverts(String src, double from, double to, int prio) {
    List<Event> out = new ArrayList<>();
    for (double t = from; t < to - 1e-9; t += 1.0) {
      out.add(advert(t, src, prio));
    }
    return out;
  }

  /**
   * Probes every 50 ms in [from, to): answers alternate over backends; during [downFrom, downTo)
   * every probe fails with a timeout.
   */
  static List<Event> probes(double from, double to, double downFrom, double downTo,
      String... backends) {
    List<Event> out = new ArrayList<>();
    int i = 0;
    for (long t = us(from); t < us(to); t += 50_000) {
      double s = t / 1e6;
      if (s >= downFrom && s < downTo) {
        out.add(fail(s, ProbeSample.ErrorKind.TIMEOUT));
      } else {
        out.add(ok(s, backends[i++ % backends.length]));
      }
    }
    return out;
  }
}
