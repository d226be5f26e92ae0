package lbchaos.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;

/** The event wire format: one JSON object per line, with a "type" field. */
public final class Events {

  /**
   * Made on first use, not with this class: {@link #nowMicros} is on every agent's start-up path,
   * and an agent that only writes events never needs databind (see {@link EventJson}). The
   * readers (the harness, the probe's and observer's summaries) make it.
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  private Events() {}

  public static ObjectMapper mapper() {
    return Json.MAPPER;
  }

  /** Microseconds since the epoch now, from the realtime clock every container shares. */
  /**
   * An address as events write it: dotted IPv4, IPv6 in RFC 5952 section 4 form (lower case,
   * no leading zeros, the longest run of two or more zero groups as "::", the first on a tie),
   * which is how ip(8) and keepalived print it, so an agent's, a daemon's and the harness's
   * text for one address compare equal. Java's getHostAddress writes every group.
   */
  public static String address(java.net.InetAddress a) {
    if (!(a instanceof java.net.Inet6Address)) {
      return a.getHostAddress();
    }
    byte[] b = a.getAddress();
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
    }
    int bestAt = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestAt = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestAt) {
        s.append("::");
        i += bestLen - 1;
        continue;
      }
      if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(g[i]));
    }
    return s.toString();
  }

  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** One event as its JSON line, without the line end (the bytes databind would write). */
  public static String toJson(Event e) {
    return EventJson.write(e);
  }

  /** Parses one line; empty when it is not an event (daemons interleave other output). */
  public static Optional<Event> parse(String line) {
    String s = line.strip();
    if (!s.startsWith("{") || !s.contains("\"type\"")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(s, Event.class));
    } catch (JsonProcessingException ex) {
      return Optional.empty();
    }
  }

  /** Writes one event as one line; synchronised so concurrent writers never interleave. */
  public static void emit(PrintStream out, Event e) {
    String line = toJson(e);
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
