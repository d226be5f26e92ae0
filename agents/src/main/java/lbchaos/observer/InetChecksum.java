package lbchaos.observer;

/** The Internet checksum (RFC 1071): one's complement sum of 16-bit big-endian words. */
final class InetChecksum {

  private InetChecksum() {}

  /** Adds {@code len} bytes to a running sum; an odd last byte is padded with zero. */
  static long add(long sum, byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    for (; i + 1 < end; i += 2) {
      sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (b[i] & 0xFF) << 8;
    }
    return sum;
  }

  /** Folds carries back in; a message that includes a correct checksum folds to 0xFFFF. */
  static int fold(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) sum;
  }
}
