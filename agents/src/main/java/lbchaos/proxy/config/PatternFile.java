package lbchaos.proxy.config;

import java.util.Objects;

/**
 * A file of patterns a rule names, which the proxy reads where it runs: an ACL's pattern file
 * ({@code acl NAME CRITERION -f FILE}, or in an anonymous ACL), or a map file (of {@code -M -f
 * FILE} or a {@code map} converter, which the java agent refuses and haproxy reads).
 *
 * @param path as written (a relative path is taken from the proxy's working directory)
 * @param line the configuration line naming it
 */
public record PatternFile(String path, int line) {
  public PatternFile {
    Objects.requireNonNull(path, "path");
  }
}
