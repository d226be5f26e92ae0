package lbchaos.harness.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lbchaos.harness.expect.LintReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Checks keepalived.conf and haproxy.cfg files without starting anything: every parser warning
 * with file:line (unknown keywords, keepalived ignoring track_script weights at priority 255, a
 * fractional VRRPv2 advert_int rounded), the lines {@code run --stack java|mixed} refuses under
 * a "java stack" heading (keywords keepalived acts on that the java agent does not implement),
 * then the lint findings over all the files together (duplicate VRID across the LBs' files, a VIP
 * outside its interface's subnet when --subnet names it, missing haproxy timeouts); exit 1 when a
 * finding is an error, 2 when a file is malformed (every error of every file, file:line each).
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = "Check keepalived.conf / haproxy.cfg files; nothing is started.")
final class LintCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "keepalived.conf or haproxy.cfg")
  List<Path> files;

  @Option(names = "--subnet", paramLabel = "IFACE=CIDR",
      description = "the subnet an interface is on (e.g. eth0=10.0.0.0/24), to check VIPs")
  Map<String, String> subnets = new LinkedHashMap<>();

  @Override
  public Integer call() {
    LintReport report = LintReport.of(files, subnets);
    report.lines().forEach(System.out::println);
    // An error (a duplicate VRID, a VIP off its subnet) breaks the pair as configured: a gate
    // must stop on it. Warnings inform; malformed input is exit 2 (BadConfig) before this.
    return report.errors().isEmpty() ? Cli.OK : Cli.CHECK_FAILED;
  }
}
