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
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
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

  static final List<String> REPORT_DIRS = List.of("surefire-reports", "failsafe-reports");
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
        files.addAll(reports(d, since == null ? Instant.MIN : Instant.ofEpochSecond(since)));
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

  /** The TEST-*.xml reports under {@code dir} (see the class comment), sorted. */
  static List<Path> reports(Path dir, Instant since) throws IOException {
    List<Path> reportDirs = new ArrayList<>();
    if (REPORT_DIRS.contains(String.valueOf(dir.getFileName()))) {
      reportDirs.add(dir);
    }
    REPORT_DIRS.forEach(r -> reportDirs.add(dir.resolve("target").resolve(r)));
    try (Stream<Path> modules = Files.list(dir)) {
      for (Path m : modules.filter(Files::isDirectory).sorted().toList()) {
        REPORT_DIRS.forEach(r -> reportDirs.add(m.resolve("target").resolve(r)));
      }
    }
    List<Path> out = new ArrayList<>();
    for (Path r : reportDirs) {
      if (!Files.isDirectory(r)) {
        continue;
      }
      try (Stream<Path> s = Files.list(r)) {
        for (Path f : s.sorted().toList()) {
          String name = f.getFileName().toString();
          if (name.startsWith("TEST-") && name.endsWith(".xml") && Files.isRegularFile(f)
              && !Files.getLastModifiedTime(f).toInstant().isBefore(since)) {
            out.add(f);
          }
        }
      }
    }
    return out;
  }

  /** The skipped test cases of one Surefire/Failsafe XML report, in file order. */
  static List<Skipped> read(Path report) throws IOException, XMLStreamException {
    try (InputStream in = Files.newInputStream(report)) {
      return read(in);
    }
  }

  static List<Skipped> read(InputStream in) throws XMLStreamException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XMLStreamReader r = f.createXMLStreamReader(in);
    List<Skipped> out = new ArrayList<>();
    String suite = "";
    String cls = null;
    String method = null;
    try {
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("testcase")) {
          cls = null;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        switch (r.getLocalName()) {
          case "testsuite" -> suite = attr(r, "name");
          case "testcase" -> {
            cls = attr(r, "classname").isEmpty() ? suite : attr(r, "classname");
            method = attr(r, "name");
          }
          case "skipped" -> {
            if (cls == null) {
              break; // a <skipped> outside any test case: not one of Surefire's
            }
            String message = attr(r, "message");
            String type = attr(r, "type");
            String text = r.getElementText();
            String m = method.equals(cls) ? "" : method;
            out.add(new Skipped(cls, m, reason(message, type, text)));
          }
          default -> { }
        }
      }
    } finally {
      r.close();
    }
    return out;
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

  private static String attr(XMLStreamReader r, String name) {
    String v = r.getAttributeValue(null, name);
    return v == null ? "" : v;
  }
}
