package lbchaos.vrrp.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One statement of a keepalived-style config: a keyword, its arguments on the same line and, for
 * a block ({@code keyword args { ... }}), its children; {@code file} is the one it is written
 * in (the main config or a file it includes).
 */
record ConfNode(String keyword, List<String> args, List<ConfNode> children, boolean block,
    Path file, int line) {

  ConfNode {
    args = List.copyOf(args);
    children = List.copyOf(children);
  }

  /** The argument line joined by single spaces (keepalived joins unquoted words so). */
  String joinedArgs() {
    return String.join(" ", args);
  }
}
