package lbchaos.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters both goals read: your config files, and whether to skip. */
abstract class ConfigsMojo extends AbstractMojo {

  /** Your keepalived.conf files, one per LB, in order (relative to the project's directory). */
  @Parameter(property = "lbchaos.keepalived", required = true)
  List<File> keepalived = new ArrayList<>();

  /** Your haproxy.cfg, which every LB runs (relative to the project's directory). */
  @Parameter(property = "lbchaos.haproxy", required = true)
  File haproxy;

  /** Skips the goal ({@code -Dlbchaos.skip}). */
  @Parameter(property = "lbchaos.skip", defaultValue = "false")
  boolean skip;

  List<Path> keepalivedPaths() throws MojoFailureException {
    if (keepalived == null || keepalived.isEmpty()) {
      throw new MojoFailureException("lbchaos: <keepalived> names no file: one keepalived.conf"
          + " per LB, e.g. <keepalived><file>lb/lb1.conf</file><file>lb/lb2.conf</file>"
          + "</keepalived>");
    }
    return keepalived.stream().map(File::toPath).toList();
  }

  Path haproxyPath() throws MojoFailureException {
    if (haproxy == null) {
      throw new MojoFailureException("lbchaos: <haproxy> names no file");
    }
    return haproxy.toPath();
  }
}
