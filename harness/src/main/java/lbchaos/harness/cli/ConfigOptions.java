package lbchaos.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** A team's own configs on the command line: `run` tests them, `compare` passes them on. */
final class ConfigOptions {

  @Option(names = "--keepalived", paramLabel = "FILE",
      description = "keepalived.conf of one LB; repeat once per LB, in order")
  List<Path> keepalived = new ArrayList<>();

  @Option(names = "--haproxy", paramLabel = "FILE", description = "haproxy.cfg of the LBs")
  Path haproxy;

  @Option(names = {"--file", "--script"}, paramLabel = "FILE", description = "a file the configs"
      + " name (by file name): a keepalived script, a haproxy errorfile, pattern file or crt;"
      + " default: the file beside the config naming it")
  List<Path> scripts = new ArrayList<>();

  /** True when none were given: the article's topology with rendered configs. */
  boolean none() {
    return keepalived.isEmpty() && haproxy == null && scripts.isEmpty();
  }

  /** The same options again, for a `run` this command starts. */
  List<String> args() {
    List<String> args = new ArrayList<>();
    keepalived.forEach(k -> args.addAll(List.of("--keepalived", k.toString())));
    if (haproxy != null) {
      args.addAll(List.of("--haproxy", haproxy.toString()));
    }
    scripts.forEach(s -> args.addAll(List.of("--file", s.toString())));
    return args;
  }
}
