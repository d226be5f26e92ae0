package lbchaos.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.expect.Finding;
import lbchaos.harness.expect.LintReport;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code lbchaos lint} in your build: your keepalived.conf and haproxy.cfg read with the parsers
 * the Java agents use, nothing started. Warnings are printed as {@code file:line}; the build
 * fails on a malformed file or a finding that breaks the pair as configured (a duplicate VRID,
 * keepalived ignoring track_script weights at priority 255).
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class LintMojo extends ConfigsMojo {

  /** The subnet each interface is on, to check the VIPs: {@code <eth0>10.0.0.0/24</eth0>}. */
  @Parameter
  Map<String, String> subnets = new LinkedHashMap<>();

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("lbchaos: lint skipped (lbchaos.skip)");
      return;
    }
    List<Path> files = new ArrayList<>(keepalivedPaths());
    files.add(haproxyPath());
    LintReport report;
    try {
      report = LintReport.of(files, subnets == null ? Map.of() : subnets);
    } catch (BadConfig e) {
      throw new MojoFailureException("lbchaos: " + e.getMessage(), e);
    }
    for (LintReport.FileResult f : report.files()) {
      f.warnings().forEach(getLog()::warn);
    }
    List<String> refused = report.files().stream()
        .flatMap(f -> f.javaRefusals().stream()).toList();
    if (!refused.isEmpty()) {
      // Not errors: the reference stack runs these lines; lbchaos:check on java or mixed stops.
      getLog().warn(LintReport.JAVA_STACK_HEADING);
      refused.forEach(r -> getLog().warn("  " + r));
    }
    for (Finding f : report.findings()) {
      switch (f.severity()) {
        case ERROR -> getLog().error(f.toString());
        case WARNING -> getLog().warn(f.toString());
        case INFO -> getLog().info(f.toString());
      }
    }
    getLog().info(report.lines().getLast());
    if (!report.errors().isEmpty()) {
      throw new MojoFailureException("lbchaos: lint found " + report.errors().size()
          + " error(s) in your configs:\n  " + String.join("\n  ", report.errors().stream()
              .map(Finding::toString).toList()));
    }
  }
}
