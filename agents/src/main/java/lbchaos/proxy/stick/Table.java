package lbchaos.proxy.stick;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import lbchaos.proxy.config.StickTable;
import lbchaos.proxy.config.StickTable.Data;

/**
 * One stick table's entries, shared by every event loop (one lock: a request updates a few
 * counters under it). An entry a request tracks is held until the request ends; an entry held
 * by none is forgotten {@code expire} after its last update, or when the table is full and it is
 * among the oldest (stick_table.c stktable_trash_oldest: size/256 + 1 at a time). Entries are
 * kept in the order of their last update, so the oldest are found first, as haproxy's expiry
 * tree finds them.
 */
public final class Table {

  /** One key's counters. */
  public static final class Entry {
    final Object key;
    final Map<Data, Long> counts = new EnumMap<>(Data.class);
    final Map<Data, FreqCounter> rates = new EnumMap<>(Data.class);
    long expireAt;
    int refs;

    Entry(Object key) {
      this.key = key;
    }
  }

  private final StickTable config;
  private final LongSupplier nowMs;
  /** In the order of their last update ({@link #touch} moves one last; a lookup does not). */
  private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>();

  Table(StickTable config, LongSupplier nowMs) {
    this.config = config;
    this.nowMs = nowMs;
  }

  public StickTable config() {
    return config;
  }

  /**
   * The entry of {@code key}, created if the table has room (or makes it), held by the caller
   * until {@link #release}, its connection counters started (stream_start_counters) and the
   * request counted (http_action_track_sc); empty when the table is full and nothing can go.
   */
  synchronized Optional<Entry> track(Object key) {
    long now = nowMs.getAsLong();
    sweep(now, 0);
    Entry e = live(key, now);
    if (e == null) {
      if (entries.size() >= config.size() && !makeRoom(now)) {
        return Optional.empty();
      }
      e = new Entry(key);
      entries.put(key, e);
    }
    e.refs++;
    add(e, Data.CONN_CUR, now, 1);
    add(e, Data.CONN_CNT, now, 1);
    add(e, Data.CONN_RATE, now, 1);
    add(e, Data.HTTP_REQ_CNT, now, 1);
    add(e, Data.HTTP_REQ_RATE, now, 1);
    touch(e, now);
    return Optional.of(e);
  }

  /** The live entry of {@code key}, not held (a src_* fetch, a table given to an sc_* one). */
  synchronized Optional<Entry> lookup(Object key) {
    return Optional.ofNullable(live(key, nowMs.getAsLong()));
  }

  /** A request of a tracked entry answered 4xx, or denied: its http_err counters. */
  synchronized void httpError(Entry e) {
    long now = nowMs.getAsLong();
    add(e, Data.HTTP_ERR_CNT, now, 1);
    add(e, Data.HTTP_ERR_RATE, now, 1);
    touch(e, now);
  }

  /** The request that tracked {@code e} ended (stream_store_counters): conn_cur goes down. */
  synchronized void release(Entry e) {
    long now = nowMs.getAsLong();
    e.refs--;
    Long cur = e.counts.get(Data.CONN_CUR);
    if (cur != null && cur > 0) {
      e.counts.put(Data.CONN_CUR, cur - 1);
      touch(e, now);
    }
  }

  /** {@code d} of {@code e}; empty when the table does not store it (haproxy: no sample). */
  synchronized Optional<Long> read(Entry e, Data d) {
    Duration period = config.store().get(d);
    if (period == null) {
      return Optional.empty();
    }
    if (d.rate()) {
      FreqCounter f = e.rates.get(d);
      return Optional.of(f == null ? 0 : f.read(nowMs.getAsLong(), period.toMillis()));
    }
    return Optional.of(e.counts.getOrDefault(d, 0L));
  }

  private Entry live(Object key, long now) {
    Entry e = entries.get(key);
    if (e != null && expired(e, now)) {
      entries.remove(key);
      return null;
    }
    return e;
  }

  private boolean expired(Entry e, long now) {
    return e.refs == 0 && !config.expire().isZero() && now - e.expireAt >= 0;
  }

  /**
   * Removes the expired entries, then, past them, up to {@code more} of the oldest that no
   * request holds: from the least recently updated on (haproxy's expiry task, then
   * stktable_trash_oldest).
   */
  private void sweep(long now, long more) {
    var it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.refs > 0) {
        continue;
      }
      if (expired(e, now)) {
        it.remove();
      } else if (more > 0) {
        it.remove();
        more--;
      } else {
        return; // the rest were updated later: not expired either
      }
    }
  }

  /** Room for one more: the expired entries go, then the oldest unheld (none with nopurge). */
  private boolean makeRoom(long now) {
    sweep(now, 0);
    if (entries.size() < config.size()) {
      return true;
    }
    if (!config.nopurge()) {
      sweep(now, config.size() / 256 + 1);
    }
    return entries.size() < config.size();
  }

  private void add(Entry e, Data d, long now, long inc) {
    Duration period = config.store().get(d);
    if (period == null) {
      return;
    }
    if (d.rate()) {
      e.rates.computeIfAbsent(d, x -> new FreqCounter()).update(now, period.toMillis(), inc);
    } else {
      e.counts.merge(d, inc, Long::sum);
    }
  }

  /** An update re-arms the entry's expiry (stktable_touch_local). */
  private void touch(Entry e, long now) {
    e.expireAt = now + config.expire().toMillis();
    if (entries.remove(e.key) != null) {
      entries.put(e.key, e); // last in the update order
    }
  }
}
