package lbchaos.harness.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.config.ReferenceConfigs.FileSpec;

/** Puts a user's own keepalived.conf and haproxy.cfg in place of the rendered ones. */
final class UserConfigs {

  private UserConfigs() {}

  static void apply(LabSpec spec, int lbIndex, List<FileSpec> files) {
    if (!spec.userKeepalived().isEmpty()) {
      replace(files, ReferenceConfigs.KEEPALIVED_PATH, read(spec.userKeepalived().get(lbIndex)));
    }
    if (spec.userHaproxy() != null) {
      replace(files, ReferenceConfigs.HAPROXY_PATH, read(spec.userHaproxy()));
    }
  }

  private static void replace(List<FileSpec> files, String path, String content) {
    files.removeIf(f -> f.path().equals(path));
    files.add(new FileSpec(path, content, 0644));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }
}
