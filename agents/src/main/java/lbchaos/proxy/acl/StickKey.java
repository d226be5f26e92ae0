package lbchaos.proxy.acl;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import lbchaos.proxy.config.Network;
import lbchaos.proxy.config.StickTable;

/** A sample as a stick table's key, which a track-sc rule and the src_* fetches look it up by. */
final class StickKey {

  private StickKey() {}

  /**
   * A sample as {@code table}'s key (stick_table.c smp_to_stkey, sample.c's casts): an address for
   * an ip or ipv6 table (an IPv6 one for an ip table only when it is IPv4-mapped; an integer as
   * an IPv4 address; a string read as an address), an unsigned 32-bit integer, or text cut at
   * the table's len; empty when the sample does not convert.
   */
  static Optional<Object> of(Object sample, StickTable table) {
    return switch (table.keyType()) {
      case IP -> ipv4(sample).map(NetUtil::toAddressString);
      case IPV6 -> ipv6(sample).map(NetUtil::toAddressString);
      case INTEGER -> integer(sample).map(v -> v & 0xffffffffL);
      case STRING -> {
        String s = SampleExpr.text(sample);
        yield Optional.of(s.length() > table.keyLength() ? s.substring(0, table.keyLength())
            : s);
      }
    };
  }

  private static Optional<InetAddress> ipv4(Object sample) {
    return switch (sample) {
      case Inet4Address a -> Optional.of(a);
      case Inet6Address a -> mapped(a.getAddress());
      case Long l -> Optional.of(fromInt(l));
      case Boolean b -> Optional.of(fromInt(b ? 1 : 0));
      case String s -> Network.literal(s).filter(a -> a instanceof Inet4Address);
      default -> Optional.empty();
    };
  }

  private static Optional<InetAddress> ipv6(Object sample) {
    return switch (sample) {
      case Inet6Address a -> Optional.of(a);
      case Inet4Address a -> Optional.of(v4tov6(a.getAddress()));
      case Long l -> Optional.of(v4tov6(fromInt(l).getAddress()));
      case Boolean b -> Optional.of(v4tov6(fromInt(b ? 1 : 0).getAddress()));
      case String s -> Network.literal(s).filter(a -> a instanceof Inet6Address);
      default -> Optional.empty();
    };
  }

  private static Optional<Long> integer(Object sample) {
    return switch (sample) {
      case Long l -> Optional.of(l);
      case Boolean b -> Optional.of(b ? 1L : 0L);
      case Inet4Address a -> Optional.of(java.nio.ByteBuffer.wrap(a.getAddress()).getInt()
          & 0xffffffffL);
      case String s -> s.isEmpty() ? Optional.empty() : Optional.of(readInt64(s));
      default -> Optional.empty();
    };
  }

  /** tools.c read_int64: an optional sign, then the digits there are (none: 0). */
  private static long readInt64(String s) {
    int i = 0;
    boolean neg = s.charAt(0) == '-';
    if (neg || s.charAt(0) == '+') {
      i++;
    }
    long v = 0;
    for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return neg ? -v : v;
  }

  private static InetAddress fromInt(long v) {
    return address(java.nio.ByteBuffer.allocate(4).putInt((int) v).array());
  }

  private static Optional<InetAddress> mapped(byte[] v6) {
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return Optional.empty();
      }
    }
    return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff
        ? Optional.of(address(java.util.Arrays.copyOfRange(v6, 12, 16))) : Optional.empty();
  }

  private static InetAddress v4tov6(byte[] v4) {
    try {
      // stays IPv6 (InetAddress.getByAddress would make it IPv4 again)
      return Inet6Address.getByAddress(null, Network.v4ToV6(v4), -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }


  private static InetAddress address(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
