package lbchaos.harness.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lbchaos.harness.config.ConfigFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Checks keepalived.conf and haproxy.cfg files without starting anything: every warning with
 * file:line (unknown keywords, keepalived ignoring track_script weights at priority 255, a
 * fractional VRRPv2 advert_int rounded), and exit 2 at the first malformed file.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Check keepalived.conf / haproxy.cfg files; nothing is started.")
final class LintCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "keepalived.conf or haproxy.cfg")
  List<Path> files;

  @Override
  public Integer call() {

    for (Path f : files) {
      ConfigFiles.Kind kind = ConfigFiles.kindOf(f);
      List<String> found = ConfigFiles.check(f, kind);
      found.forEach(w -> System.out.println(w.contains(": warning") ? w : w.replaceFirst(
          "^(\\S+:\\d+): ", "$1: warning: ")));

      System.out.printf("%s: %s, %d warning(s)%n", f, kind.name().toLowerCase(), found.size());
    }
    return Cli.OK; // warnings inform; only malformed input (BadConfig) fails, with exit 2
  }
}
