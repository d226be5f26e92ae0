package lbchaos.proxy.stick;

/**
 * An event rate over a sliding period, as haproxy 2.6 keeps one in a stick table's entry
 * (freq_ctr.h update_freq_ctr_period, freq_ctr.c freq_ctr_total): the events of the current
 * period, those of the one before, and the current period's start. The rate read is the current
 * period's events plus the previous period's weighted by the part of it still inside the sliding
 * window. Not thread-safe: its table's lock guards it.
 */
final class FreqCounter {

  private long currTick;
  private long curr;
  private long prev;

  /** Counts {@code inc} events at {@code now} (milliseconds) over periods of {@code period}. */
  void update(long now, long period, long inc) {
    if (now - currTick < period) {
      curr += inc;
      return;
    }
    prev = curr;
    curr = inc;
    long tick = currTick + period;
    if (now - tick >= period) {
      prev = 0; // at least two periods missed
      tick = now;
    }
    currTick = tick & ~1L; // haproxy's low bit is its lock: a period starts on an even tick
  }

  /** The rate at {@code now}: events per {@code period}, rounded down. */
  long read(long now, long period) {
    long past = prev;
    long current = curr;
    long remain = currTick + period - now;
    if (remain < 0) {
      // past the current period: part of it may still count as the previous one
      remain += period;
      past = remain >= 0 ? current : 0;
      current = 0;
    }
    if (current == 0 && past <= 1) {
      return past; // haproxy's flapping correction at very low rates
    }
    return (past * remain + current * period) / period;
  }
}
