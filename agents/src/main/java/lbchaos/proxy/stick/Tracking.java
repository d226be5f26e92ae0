package lbchaos.proxy.stick;

import java.util.Optional;
import lbchaos.proxy.config.StickTable.Data;

/**
 * One request's stick counters (haproxy's stream stkctr[0..2]): the entries its track-sc0,
 * track-sc1 and track-sc2 rules hold, each in its table, until the request ends. Used on the
 * request's event loop only; the tables it holds entries of are shared.
 */
public final class Tracking {

  /** haproxy 2.6's MAX_SESS_STKCTR: sc0, sc1, sc2. */
  public static final int SLOTS = 3;

  /** For a request of a configuration without tables (tracks nothing). */
  public static final Tracking NONE = new Tracking(Tables.NONE);

  private final Tables tables;
  private final Table[] tableOf = new Table[SLOTS];
  private final Table.Entry[] entry = new Table.Entry[SLOTS];

  public Tracking(Tables tables) {
    this.tables = tables;
  }

  public Optional<Table> table(String name) {
    return tables.get(name);
  }

  /** Whether counter {@code slot} holds an entry already (only the first track-scN applies). */
  public boolean tracks(int slot) {
    return slot >= 0 && slot < SLOTS && entry[slot] != null;
  }

  /** Counter {@code slot} holds {@code key}'s entry of {@code t}, its request counted in it. */
  public void track(int slot, Table t, Object key) {
    if (this == NONE || tracks(slot)) {
      return;
    }
    t.track(key).ifPresent(e -> {
      tableOf[slot] = t;
      entry[slot] = e;
    });
  }

  /**
   * {@code d} of the entry counter {@code slot} holds (sc_*, scN_*), or, given {@code other},
   * of the same key's entry there (0 when it has none); empty when the counter holds nothing or
   * the table does not store {@code d}: no sample (stick_table.c smp_fetch_sc_stkctr).
   */
  public Optional<Long> counter(int slot, Optional<Table> other, Data d) {
    if (!tracks(slot)) {
      return Optional.empty();
    }
    if (other.isPresent()) {
      return other.get().lookup(entry[slot].key).map(e -> other.get().read(e, d))
          .orElse(Optional.of(0L));
    }
    return tableOf[slot].read(entry[slot], d);
  }

  /** {@code d} of {@code key}'s entry of {@code t} (src_*): 0 when it has none. */
  public static Optional<Long> counter(Table t, Object key, Data d) {
    return t.lookup(key).map(e -> t.read(e, d)).orElse(Optional.of(0L));
  }

  /** A deny, or a server's 4xx answer: each held entry's http_err counters. */
  public void httpError() {
    for (int i = 0; i < SLOTS; i++) {
      if (entry[i] != null) {
        tableOf[i].httpError(entry[i]);
      }
    }
  }

  /** The request ended: its entries are let go (conn_cur down). */
  public void end() {
    for (int i = 0; i < SLOTS; i++) {
      if (entry[i] != null) {
        tableOf[i].release(entry[i]);
        entry[i] = null;
        tableOf[i] = null;
      }
    }
  }
}
