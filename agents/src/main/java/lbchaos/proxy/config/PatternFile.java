package lbchaos.proxy.config;

import java.util.Objects;

/**
 * An ACL's pattern file ({@code acl NAME CRITERION -f FILE}, or in an anonymous ACL) as a
 * rule names it: a file the proxy reads where it runs.
 *
 * @param path as written (a relative path is taken from the proxy's working directory)
 * @param line the configuration line naming it
 */
public record PatternFile(String path, int line) {
  public PatternFile {
    Objects.requireNonNull(path, "path");
  }
}
