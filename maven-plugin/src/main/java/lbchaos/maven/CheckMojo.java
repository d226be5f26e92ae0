package lbchaos.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.project.ProjectCheck;
import lbchaos.harness.project.UserConfigs;
import lbchaos.harness.topology.Stack;
import lbchaos.harness.topology.WebserverImage;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code lbchaos run} in your build: the chosen scenarios on the topology your configs describe,
 * each on a fresh set of containers, every bound from your configs' timings. The report goes to
 * {@code target/lbchaos/} (summary.json, index.html, one history file per scenario, which
 * {@code lbchaos check} judges again, and TEST-lbchaos.xml for a CI server; one subfolder per
 * stack when several run).
 *
 * <p>How the build ends: it passes when every check passed; it fails with a
 * {@link MojoFailureException} listing every verdict that did not pass when a check failed (your
 * configs broke); and with a {@link MojoExecutionException} naming the cause when there is no
 * verdict: no Docker engine answers, an image could not be built, the subnet is taken, a check
 * could not decide, or the harness itself failed. Bad input (a malformed config, an unknown
 * scenario) fails it before anything starts.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY)
public class CheckMojo extends ConfigsMojo {

  /**
   * Files your configs name (matched by file name): keepalived's scripts, haproxy's errorfile
   * pages, ACL pattern files and crt certificates; one beside the config that names it is
   * found without this.
   */
  @Parameter(property = "lbchaos.scripts")
  List<File> scripts = new ArrayList<>();

  /** reference (keepalived + haproxy), java (lbchaos's agents) or mixed; one or more. */
  @Parameter(property = "lbchaos.stacks", defaultValue = "reference")
  List<String> stacks = new ArrayList<>();

  /** Scenarios by name ({@code lbchaos scenarios}); none: the article's three. */
  @Parameter(property = "lbchaos.scenarios")
  List<String> scenarios = new ArrayList<>();

  /** Where the report goes. */
  @Parameter(property = "lbchaos.reportDirectory",
      defaultValue = "${project.build.directory}/lbchaos")
  File reportDirectory;

  /**
   * A local image of yours to run as the webservers instead of the harness's; it must answer
   * GET / with 2xx on the port your haproxy.cfg's servers name.
   */
  @Parameter(property = "lbchaos.webserverImage")
  String webserverImage;

  /**
   * Whether {@code webserverImage}'s page contains {@code backend $LBCHAOS_WEBSERVER}, so that
   * round-robin and backend-down can tell the webservers apart.
   */
  @Parameter(property = "lbchaos.webserverNamesItself", defaultValue = "false")
  boolean webserverNamesItself;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("lbchaos: check skipped (lbchaos.skip)");
      return;
    }
    UserConfigs configs;
    List<Stack> chosen = new ArrayList<>();
    WebserverImage image;
    try {
      for (String s : stacks) {
        chosen.add(Stack.parse(s));
      }
      image = webserverImage == null || webserverImage.isBlank() ? null
          : new WebserverImage(webserverImage.strip(), webserverNamesItself);
      configs = UserConfigs.load(keepalivedPaths(), haproxyPath(),
          scripts.stream().map(File::toPath).toList());
      // Checked here, before anything starts: a scenario that cannot run, or a line the java
      // agent does not implement on a java or mixed stack, is your input's fault.
      configs.scenarios(scenarios, image);
      chosen.forEach(configs::spec);
    } catch (BadConfig | IllegalArgumentException e) {
      throw new MojoFailureException("lbchaos: " + e.getMessage(), e);
    }
    configs.warnings().forEach(w -> getLog().warn(w));
    configs.notes().forEach(n -> getLog().info("lbchaos: " + n));
    ProjectCheck.Result result;
    try (PrintStream out = LogStream.of(getLog()::info)) {
      result = ProjectCheck.run(configs, image, chosen, scenarios, reportDirectory.toPath(), out);
    } catch (IOException e) {
      throw new MojoExecutionException("lbchaos: cannot write the report to " + reportDirectory
          + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw noVerdict(e);
    }
    switch (result.outcome()) {
      case PASS -> getLog().info("lbchaos: every check passed; report: " + reportDirectory);
      case FAIL -> throw new MojoFailureException("lbchaos: a check failed on your configs:\n  "
          + String.join("\n  ", result.notPassed()) + "\nreport: " + reportDirectory);
      case UNKNOWN -> throw new MojoExecutionException("lbchaos: no verdict, the harness could"
          + " not tell whether your configs hold:\n  " + String.join("\n  ", result.notPassed())
          + "\nreport: " + reportDirectory);
    }
  }

  /**
   * The harness could not run: the cause the user can act on (no engine, an image build, a
   * subnet in use, a missing webserver image), else the harness's own error. Never a failed
   * check.
   */
  static MojoExecutionException noVerdict(RuntimeException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof Docker.Unavailable || c instanceof BadConfig
          || c instanceof lbchaos.harness.image.ImageBuildException
          || c instanceof lbchaos.harness.topology.LabNetwork.SubnetInUse) {
        return new MojoExecutionException("lbchaos: the harness could not run, so there is no"
            + " verdict: " + c.getMessage(), e);
      }
    }
    return new MojoExecutionException("lbchaos: the harness failed, so there is no verdict: "
        + e, e);
  }
}
