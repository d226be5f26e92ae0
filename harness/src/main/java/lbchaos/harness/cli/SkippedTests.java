package lbchaos.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lbchaos.harness.project.TestReports;
import javax.xml.stream.XMLStreamException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The tests Surefire and Failsafe reported as skipped, with their reasons: what
 * {@code bin/lbchaos verify} lists after Maven, so that a test that did not run is seen and not
 * taken for a pass. Reads {@code TEST-*.xml} in {@code DIR/target/(surefire|failsafe)-reports},
 * {@code DIR/*}{@code /target/...} (the modules of a project root) and DIR itself when it is such
 * a reports directory, and prints {@code class#method: reason} for each {@code <skipped>}.
 */
@Command(name = "skipped", hidden = true, mixinStandardHelpOptions = true,
    description = "List the tests Surefire/Failsafe reports mark as skipped, with the reason.")
final class SkippedTests implements Callable<Integer> {

  private static final String NO_REASON = "(no reason given)";
  private static final int MAX_REASON = 300;

  @Parameters(paramLabel = "DIR", arity = "1..*",
      description = "a project root, a module or a reports directory")
  List<Path> dirs;

  @Option(names = "--since", paramLabel = "EPOCH_SECONDS",
      description = "only reports written at or after this time (those of this build)")
  Long since;

  @ParentCommand
  Cli cli;

  @Spec
  CommandSpec spec;

  /** One skipped test: {@code method} is empty when the whole class was skipped. */
  record Skipped(String className, String method, String reason) {
    String line() {
      return (method.isEmpty() ? className : className + "#" + method) + ": " + reason;
    }
  }

  @Override
  public Integer call() {
    PrintStream out = cli.out();
    List<Path> files = new ArrayList<>();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        throw new Cli.BadInput(d + ": no such directory");
      }
      try {
        files.addAll(TestReports.files(d, since == null ? Instant.MIN : Instant.ofEpochSecond(since)));
      } catch (IOException e) {
        throw new Cli.BadInput(d + ": cannot list: " + e.getMessage());
      }
    }
    List<String> lines = new ArrayList<>();
    int unreadable = 0;
    for (Path f : files) {
      try {
        read(f).forEach(s -> lines.add(s.line()));
      } catch (IOException | XMLStreamException e) {
        unreadable++;
        var err = spec.commandLine().getErr();
        err.println("lbchaos: cannot read " + f + ": " + e.getMessage());
        err.flush();
      }
    }
    List<String> sorted = lines.stream().distinct().sorted().toList();
    out.printf("skipped tests: %d (in %d report(s))%n", sorted.size(), files.size());
    sorted.forEach(out::println);
    // A report that cannot be read may hide a skipped test: the list is then not the whole.
    return unreadable > 0 ? Cli.NO_VERDICT : Cli.OK;
  }

  /** The skipped test cases of one Surefire/Failsafe XML report, in file order. */
  static List<Skipped> read(Path report) throws IOException, XMLStreamException {
    return skipped(TestReports.read(report));
  }

  static List<Skipped> read(InputStream in) throws XMLStreamException {
    return skipped(TestReports.read(in, ""));
  }

  /** A whole class skipped is a case named as its class: it has no method. */
  private static List<Skipped> skipped(List<TestReports.Case> cases) {
    return cases.stream().filter(c -> c.skipped() != null).map(c -> new Skipped(c.className(),
        c.name().equals(c.className()) ? "" : c.name(),
        reason(c.skipped().message(), c.skipped().type(), c.skipped().text()))).toList();
  }

  /**
   * The message attribute (a @Disabled reason); else the first line of the text (an assumption
   * puts its exception and stack trace there) without the exception's type.
   */
  static String reason(String message, String type, String text) {
    String why = message.isBlank() ? firstLine(text) : message;
    if (!type.isEmpty() && why.startsWith(type + ": ")) {
      why = why.substring(type.length() + 2);
    }
    why = why.strip().replaceAll("\\s+", " ");
    if (why.isEmpty()) {
      return NO_REASON;
    }
    return why.length() > MAX_REASON ? why.substring(0, MAX_REASON) + "..." : why;
  }

  private static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("");
  }
}
