package lbchaos.harness.cli;

import java.io.PrintStream;
import java.util.Properties;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.image.ImageBuildException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * bin/lbchaos's Java side. Exit codes: 0 every check passed, 1 a check failed, 2 bad input or
 * usage (nothing started), 3 the environment cannot run containers, 4 the harness could not
 * produce a verdict (a crash, an unknown outcome, a missing capability).
 */
@Command(name = "lbchaos", mixinStandardHelpOptions = true, version = "lbchaos 0.1.0",
    description = "Chaos and conformance tests for VRRP + proxy load-balancer pairs.",
    subcommands = {DemoCommand.class, RunCommand.class, CompareCommand.class,
        NightlyCommand.class, BenchCommand.class, SoakCommand.class,
        LintCommand.class, CheckCommand.class, MergeCommand.class, ScenariosCommand.class,
        ReportCommand.class, CleanCommand.class, SkippedTests.class})
public final class Cli implements Runnable {

  public static final int OK = 0;
  public static final int CHECK_FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int NO_ENVIRONMENT = 3;
  public static final int NO_VERDICT = 4;

  /** 0 for PASS, 1 for a proven FAIL, 4 when the verdict is unknown. */
  public static int exitCode(lbchaos.verdict.Outcome o) {
    return switch (o) {
      case PASS -> OK;
      case FAIL -> CHECK_FAILED;
      case UNKNOWN -> NO_VERDICT;
    };
  }

  /** Where commands print: the stream {@link #execute} was given (System.out from main). */
  private PrintStream out = System.out;

  PrintStream out() {
    return out;
  }

  /** Where errors go: the stream {@link #execute} was given (System.err from main). */
  private PrintStream err = System.err;

  PrintStream err() {
    return err;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(out);
  }

  public static void main(String[] args) {
    quietLogging(System.getProperties());
    System.exit(execute(System.out, System.err, args));
  }

  /**
   * The CLI's logging: lbchaos prints its own progress, the libraries speak only when something
   * is wrong. Set here, for the CLI's process only, instead of by a simplelogger.properties in the
   * harness jar, which would configure a depending project's logging too. slf4j-simple (the
   * CLI's binding, on bin/lbchaos's classpath only) reads these when the first logger is made,
   * which is after this; a -D given on the command line wins.
   */
  static void quietLogging(Properties system) {
    system.putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    system.putIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
  }

  public static int execute(PrintStream out, PrintStream err, String... args) {
    Cli cli = new Cli();
    cli.out = out;
    cli.err = err;
    CommandLine cl = new CommandLine(cli);
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof Docker.Unavailable)
          && !(cause instanceof BadInput)) {
        cause = cause.getCause();
      }
      if (e instanceof Docker.Unavailable || cause instanceof Docker.Unavailable) {
        err.println("lbchaos: " + (cause instanceof Docker.Unavailable ? cause : e).getMessage());
        return NO_ENVIRONMENT;
      }
      if (e instanceof BadInput || cause instanceof BadInput) {
        err.println("lbchaos: " + (e instanceof BadInput ? e : cause).getMessage());
        return BAD_INPUT;
      }
      if (e instanceof lbchaos.harness.config.ConfigFiles.BadConfig) {
        err.println(e.getMessage());
        return BAD_INPUT;
      }
      if (e instanceof lbchaos.harness.topology.LabNetwork.SubnetInUse) {
        err.println("lbchaos: " + e.getMessage());
        return NO_ENVIRONMENT;
      }
      if (e instanceof ImageBuildException) {
        err.println("lbchaos: " + e.getMessage());
        return NO_ENVIRONMENT;
      }
      // Anything else is the harness's own failure, never a failed check.
      err.println("lbchaos: harness error: " + e);
      return NO_VERDICT;
    });
    cl.setParameterExceptionHandler((e, a) -> {
      err.println("lbchaos: " + e.getMessage());
      e.getCommandLine().usage(err);
      return BAD_INPUT;
    });
    return cl.execute(args);
  }

  /** Input the user must fix: file:line and what is wrong. Exit code 2, nothing started. */
  public static final class BadInput extends RuntimeException {
    public BadInput(String message) {
      super(message);
    }
  }
}
