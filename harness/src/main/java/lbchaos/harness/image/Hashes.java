package lbchaos.harness.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short content hash for image tags: same inputs, same tag, no rebuild. */
final class Hashes {

  private final MessageDigest digest;

  Hashes() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  Hashes add(String s) {
    digest.update(s.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    return this;
  }

  Hashes add(byte[] bytes) {
    digest.update(bytes);
    return this;
  }

  Hashes addFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
      return this;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Twelve hex digits, as Docker shows short ids. */
  String shortHex() {
    return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
  }
}
