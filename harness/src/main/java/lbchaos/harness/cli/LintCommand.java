package lbchaos.harness.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lbchaos.harness.config.ConfigFiles;
import lbchaos.harness.expect.Finding;
import lbchaos.harness.expect.HaproxyTimeouts;
import lbchaos.harness.expect.Lint;
import lbchaos.harness.expect.LintInputs;
import lbchaos.harness.expect.VrrpInstanceDecl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Checks keepalived.conf and haproxy.cfg files without starting anything: every parser warning
 * with file:line (unknown keywords, keepalived ignoring track_script weights at priority 255, a
 * fractional VRRPv2 advert_int rounded), then the lint findings over all the files together
 * (duplicate VRID across the LBs' files, a VIP outside its interface's subnet when --subnet
 * names it, missing haproxy timeouts); exit 1 when a finding is an error, 2 at the first
 * malformed file.
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
    List<VrrpInstanceDecl> instances = new ArrayList<>();
    List<HaproxyTimeouts> proxies = new ArrayList<>();
    for (Path f : files) {
      ConfigFiles.Kind kind = ConfigFiles.kindOf(f);
      List<String> found = ConfigFiles.check(f, kind);
      found.forEach(w -> System.out.println(w.contains(": warning") ? w : w.replaceFirst(
          "^(\\S+:\\d+): ", "$1: warning: ")));
      switch (kind) {
        case KEEPALIVED -> instances.addAll(LintInputs.vrrp(ConfigFiles.keepalived(f)));
        case HAPROXY -> proxies.addAll(LintInputs.haproxy(ConfigFiles.haproxy(f)));
      }
      System.out.printf("%s: %s, %d warning(s)%n", f, kind.name().toLowerCase(), found.size());
    }
    List<Finding> findings = new ArrayList<>(Lint.vrrp(instances, subnets));
    findings.addAll(Lint.haproxy(proxies));
    findings.forEach(System.out::println);
    long errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
    System.out.printf("lint: %d finding(s), %d error(s) over %d file(s)%n", findings.size(),
        errors, files.size());
    // An error (a duplicate VRID, a VIP off its subnet) breaks the pair as configured: a gate
    // must stop on it. Warnings inform; malformed input is exit 2 (BadConfig) before this.
    return errors > 0 ? Cli.CHECK_FAILED : Cli.OK;
  }
}
