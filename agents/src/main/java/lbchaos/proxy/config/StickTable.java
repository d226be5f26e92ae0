package lbchaos.proxy.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.proxy.acl.Refused;

/**
 * A proxy section's {@code stick-table} (haproxy 2.6 stick_table.c parse_stick_table): the table
 * named after the section, whose entries http-request track-sc rules create and count in, and
 * whose counters the sc_*, scN_* and src_* fetches read.
 *
 * @param name the section's name, which rules and fetches name the table by
 * @param keyType what an entry's key is
 * @param keyLength a string key's length: longer ones are cut there (haproxy's len, 32)
 * @param size how many entries it holds; when full, the oldest unused ones make room
 * @param expire an unused entry is forgotten this long after its last update (zero: kept until
 *     room is needed)
 * @param nopurge when full, no entry makes room: a new key is not tracked
 * @param store what each entry keeps, with a rate's period (zero for the others)
 */
public record StickTable(String name, KeyType keyType, int keyLength, long size,
    Duration expire, boolean nopurge, Map<Data, Duration> store, int line) {

  public StickTable {
    store = Map.copyOf(store);
  }

  /** haproxy's table types the agent keeps ("binary" is refused). */
  public enum KeyType { IP, IPV6, INTEGER, STRING }

  /**
   * The data types the agent keeps (haproxy's store options): those an http-request track-sc
   * rule updates (stream.h stream_start_counters, http_act.c http_action_track_sc) and a deny or
   * a server's 4xx answer counts in (http_ana.c stream_inc_http_err_ctr).
   */
  public enum Data {
    CONN_CNT("conn_cnt"), CONN_CUR("conn_cur"), CONN_RATE("conn_rate"),
    HTTP_REQ_CNT("http_req_cnt"), HTTP_REQ_RATE("http_req_rate"),
    HTTP_ERR_CNT("http_err_cnt"), HTTP_ERR_RATE("http_err_rate");

    public final String keyword;

    Data(String keyword) {
      this.keyword = keyword;
    }

    public boolean rate() {
      return keyword.endsWith("_rate");
    }

    public static Optional<Data> named(String keyword) {
      for (Data d : values()) {
        if (d.keyword.equals(keyword)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }
  }

  /** haproxy 2.6's other store options, refused (stick_table.c stktable_data_types). */
  private static final List<String> OTHER_DATA = List.of("server_id", "gpt0", "gpc0",
      "gpc0_rate", "sess_cnt", "sess_rate", "bytes_in_cnt", "bytes_in_rate", "bytes_out_cnt",
      "bytes_out_rate", "gpc1", "gpc1_rate", "server_key", "http_fail_cnt", "http_fail_rate",
      "gpt", "gpc", "gpc_rate");

  /**
   * The words after "stick-table" in section {@code name} at {@code line}; errors in haproxy's
   * words. Refused: peers (the agent syncs no table), srvkey, a binary key, and the store options
   * {@link Data} has not.
   */
  static StickTable parse(String name, List<String> w, int line) {
    String k = "stick-table";
    KeyType type = null;
    int len = 32;
    long size = 0;
    Duration expire = Duration.ZERO;
    boolean nopurge = false;
    Map<Data, Duration> store = new EnumMap<>(Data.class);
    for (int i = 0; i < w.size(); i++) {
      String word = w.get(i);
      switch (word) {
        case "size" -> {
          String v = arg(w, ++i, k, word);
          size = HaNumbers.size(v).orElseThrow(() -> new IllegalArgumentException(k
              + ": unexpected character '" + v.replaceFirst("^\\d*", "").charAt(0)
              + "' in argument of 'size'."));
        }
        case "expire" -> expire = HaTime.parse(arg(w, ++i, k, word));
        case "nopurge" -> nopurge = true;
        case "type" -> {
          String t = arg(w, ++i, k, word);
          type = switch (t) {
            case "ip" -> KeyType.IP;
            case "ipv6" -> KeyType.IPV6;
            case "integer" -> KeyType.INTEGER;
            case "string" -> KeyType.STRING;
            case "binary" -> throw new Refused(k + " type binary", "the agent keeps ip, ipv6,"
                + " integer and string keys");
            default -> throw new IllegalArgumentException(k + ": unknown type '" + t + "'.");
          };
          if (type == KeyType.STRING && i + 2 < w.size() && w.get(i + 1).equals("len")) {
            len = (int) Math.min(Integer.MAX_VALUE, HaNumbers.atol(w.get(i + 2)));
            if (len <= 0) {
              throw new IllegalArgumentException(k + ": unknown type '" + t + "'.");
            }
            i += 2;
          }
        }
        case "store" -> {
          for (String option : arg(w, ++i, k, word).split(",")) {
            store(option, store);
          }
        }
        case "peers", "srvkey" -> throw new Refused(k + " " + word, "haproxy then shares the"
            + " table with its peers or keys servers by it; the agent keeps each table to"
            + " itself");
        default -> throw new IllegalArgumentException(k + ": unknown argument '" + word + "'.");
      }
    }
    if (size == 0) {
      throw new IllegalArgumentException(k + ": missing size.");
    }
    if (type == null) {
      throw new IllegalArgumentException(k + ": missing type.");
    }
    return new StickTable(name, type, len, size, expire, nopurge, store, line);
  }

  private static void store(String option, Map<Data, Duration> store) {
    int paren = option.indexOf('(');
    String name = paren < 0 ? option : option.substring(0, paren);
    if (paren >= 0 && !option.endsWith(")")) {
      throw new IllegalArgumentException("stick-table: missing closing parenthesis after store"
          + " option '" + name + "'.");
    }
    String arg = paren < 0 ? null : option.substring(paren + 1, option.length() - 1);
    Optional<Data> d = Data.named(name);
    if (d.isEmpty()) {
      if (OTHER_DATA.contains(name)) {
        throw new Refused("stick-table store " + name, "the agent keeps "
            + String.join(", ", java.util.Arrays.stream(Data.values()).map(x -> x.keyword)
            .toList()));
      }
      throw new IllegalArgumentException("stick-table: unknown store option '" + name + "'.");
    }
    if (d.get().rate() && arg == null) {
      throw new IllegalArgumentException("stick-table: missing argument to store option '"
          + name + "'.");
    }
    if (!d.get().rate() && arg != null) {
      throw new IllegalArgumentException("stick-table: unexpected argument to store option '"
          + name + "'.");
    }
    // haproxy warns of a repeated option and keeps the first
    store.putIfAbsent(d.get(), arg == null ? Duration.ZERO : HaTime.parse(arg));
  }

  private static String arg(List<String> w, int i, String k, String word) {
    if (i >= w.size() || w.get(i).isEmpty()) {
      throw new IllegalArgumentException(k + ": missing argument after '" + word + "'.");
    }
    return w.get(i);
  }
}
