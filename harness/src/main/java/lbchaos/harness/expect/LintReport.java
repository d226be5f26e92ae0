package lbchaos.harness.expect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lbchaos.harness.config.ConfigFiles;

/**
 * What {@code lbchaos lint} and the Maven plugin's {@code lint} goal find in a set of
 * keepalived.conf and haproxy.cfg files, without starting anything: every parser warning with
 * file:line, the lines the java stack refuses (under a "java stack" heading), then the findings over all the files together (a duplicate VRID across the LBs'
 * files, a VIP outside its interface's subnet, missing haproxy timeouts).
 *
 * @param files per file, in the order given: its kind and its parser warnings
 * @param findings the lint findings over all the files
 */
public record LintReport(List<FileResult> files, List<Finding> findings) {

  /**
   * @param warnings each "file:line: warning: ..."
   * @param javaRefusals each "file:line: the java agent does not implement X (...); run --stack
   *     reference": lines the java stack refuses to run (keepalived.conf and haproxy.cfg)
   */
  public record FileResult(Path file, ConfigFiles.Kind kind, List<String> warnings,
      List<String> javaRefusals) {
    public FileResult {
      warnings = List.copyOf(warnings);
      javaRefusals = List.copyOf(javaRefusals);
    }
  }

  /** The heading above the lines `run --stack java|mixed` refuses. */
  public static final String JAVA_STACK_HEADING = "java stack: refused by run --stack java|mixed"
      + " (the java agent does not implement them; the reference stack runs them):";

  public LintReport {
    files = List.copyOf(files);
    findings = List.copyOf(findings);
  }

  /**
   * Lints the files, each taken for keepalived.conf or haproxy.cfg by its content.
   *
   * @param subnets the subnet each interface is on ("eth0" to "10.0.0.0/24"), to check VIPs
   * @throws ConfigFiles.BadConfig when a file is malformed: every error of every file, each
   *     "file:line: what" on a line of its own
   */
  public static LintReport of(List<Path> files, Map<String, String> subnets) {
    List<FileResult> results = new ArrayList<>();
    List<VrrpInstanceDecl> instances = new ArrayList<>();
    List<HaproxyTimeouts> proxies = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (Path f : files) {
      try {
        ConfigFiles.Kind kind = ConfigFiles.kindOf(f);
        List<String> warnings = ConfigFiles.check(f, kind).stream()
            .map(w -> w.contains(": warning") ? w : w.replaceFirst("^(\\S+:\\d+): ",
                "$1: warning: ")).toList();
        List<String> refusals = List.of();
        switch (kind) {
          case KEEPALIVED -> {
            var config = ConfigFiles.keepalived(f);
            refusals = config.javaRefusals().stream().map(Object::toString).toList();
            instances.addAll(LintInputs.vrrp(config));
          }
          case HAPROXY -> {
            var config = ConfigFiles.haproxy(f);
            refusals = config.javaRefusals().stream().map(Object::toString).toList();
            proxies.addAll(LintInputs.haproxy(config));
          }
        }
        results.add(new FileResult(f, kind, warnings, refusals));
      } catch (ConfigFiles.BadConfig e) {
        bad.add(e.getMessage()); // and on to the next file: all the errors in one pass
      }
    }
    if (!bad.isEmpty()) {
      throw new ConfigFiles.BadConfig(String.join("\n", bad), null);
    }
    List<Finding> findings = new ArrayList<>(Lint.vrrp(instances, subnets));
    findings.addAll(Lint.haproxy(proxies));
    return new LintReport(results, findings);
  }

  /** Findings that break the pair as configured: a gate must stop on them. */
  public List<Finding> errors() {
    return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
  }

  /** The report as lines: per file its warnings and a count, then the findings and a total. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (FileResult r : files) {
      out.addAll(r.warnings());
      out.add(String.format(Locale.ROOT, "%s: %s, %d warning(s)", r.file(),
          r.kind().name().toLowerCase(Locale.ROOT), r.warnings().size()));
    }
    List<String> refused = files.stream().flatMap(r -> r.javaRefusals().stream()).toList();
    if (!refused.isEmpty()) {
      out.add(JAVA_STACK_HEADING);
      refused.forEach(r -> out.add("  " + r));
    }
    findings.forEach(f -> out.add(f.toString()));
    out.add(String.format(Locale.ROOT, "lint: %d finding(s), %d error(s) over %d file(s)",
        findings.size(), errors().size(), files.size()));
    return out;
  }
}
