package lbchaos.vrrp.packet;

/** The 16-bit one's complement checksum of RFC 1071, used by IPv4 and VRRP. */
public final class InternetChecksum {

  private InternetChecksum() {}

  /** Adds {@code len} bytes at {@code off} to a running 32-bit sum (not yet folded). */
  public static long add(long sum, byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    for (; i + 1 < end; i += 2) {
      sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (b[i] & 0xFF) << 8; // odd length: pad with a zero octet (RFC 1071 section 4.1)
    }
    return sum;
  }

  /** Folds the carries and complements: the value to put into a checksum field. */
  public static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }

  public static int of(byte[] b, int off, int len) {
    return finish(add(0, b, off, len));
  }
}
