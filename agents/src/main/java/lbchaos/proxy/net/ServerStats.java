package lbchaos.proxy.net;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one server or one proxy, named after haproxy's CSV fields. Thread-safe. */
public final class ServerStats {
  public final AtomicLong scur = new AtomicLong();
  public final AtomicLong smax = new AtomicLong();
  public final AtomicLong stot = new AtomicLong();
  public final AtomicLong bin = new AtomicLong();
  public final AtomicLong bout = new AtomicLong();
  public final AtomicLong econ = new AtomicLong();
  public final AtomicLong eresp = new AtomicLong();
  public final AtomicLong wretr = new AtomicLong();
  public final AtomicLong wredis = new AtomicLong();
  public final AtomicLong chkfail = new AtomicLong();
  public final AtomicLong chkdown = new AtomicLong();
  public final AtomicLong qcur = new AtomicLong();
  public final AtomicLong qmax = new AtomicLong();
  /** Epoch seconds of the last state change. */
  public final AtomicLong lastchg = new AtomicLong(System.currentTimeMillis() / 1000);
  public volatile String checkStatus = "";
  public volatile int checkCode;
  public volatile long checkMillis = -1;

  void opened() {
    stot.incrementAndGet();
    smax.accumulateAndGet(scur.incrementAndGet(), Math::max);
  }

  void closed() {
    scur.decrementAndGet();
  }

  void queued() {
    qmax.accumulateAndGet(qcur.incrementAndGet(), Math::max);
  }
}
