package lbchaos.harness.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The test cases of a build, read from the {@code TEST-*.xml} files Surefire and Failsafe write:
 * what {@code verify} skipped (and why), and where its time went. Reads
 * {@code DIR/target/(surefire|failsafe)-reports}, {@code DIR/*}{@code /target/...} (the modules
 * of a project root) and DIR itself when it is such a reports directory.
 */
public final class TestReports {

  public static final List<String> REPORT_DIRS = List.of("surefire-reports", "failsafe-reports");

  /**
   * One test case. {@code module} is the directory above {@code target} ("" when the reports
   * directory was given alone); {@code skipped} is null when the case ran, else the
   * {@code <skipped>} element's message, type and text.
   */
  public record Case(String module, String className, String name, double seconds,
      Skipped skipped) {}

  /** A {@code <skipped>} element: its message and type attributes and its text. */
  public record Skipped(String message, String type, String text) {}

  private TestReports() {}

  /** The TEST-*.xml reports under {@code dir}, written at or after {@code since}, sorted. */
  public static List<Path> files(Path dir, Instant since) throws IOException {
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

  /** The module a report belongs to: the directory above its {@code target}, else "". */
  static String module(Path report) {
    Path reports = report.toAbsolutePath().getParent();
    Path target = reports == null ? null : reports.getParent();
    Path module = target == null ? null : target.getParent();
    return target != null && module != null && module.getFileName() != null
        && String.valueOf(target.getFileName()).equals("target")
        ? module.getFileName().toString() : "";
  }

  /** The test cases of one report, in file order. */
  public static List<Case> read(Path report) throws IOException, XMLStreamException {
    try (InputStream in = Files.newInputStream(report)) {
      return read(in, module(report));
    }
  }

  public static List<Case> read(InputStream in, String module) throws XMLStreamException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XMLStreamReader r = f.createXMLStreamReader(in);
    List<Case> out = new ArrayList<>();
    String suite = "";
    Case open = null;
    try {
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("testcase")) {
          out.add(open);
          open = null;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        switch (r.getLocalName()) {
          case "testsuite" -> suite = attr(r, "name");
          case "testcase" -> open = new Case(module,
              attr(r, "classname").isEmpty() ? suite : attr(r, "classname"), attr(r, "name"),
              seconds(attr(r, "time")), null);
          case "skipped" -> {
            if (open == null) {
              break; // a <skipped> outside any test case: not one of Surefire's
            }
            String message = attr(r, "message");
            String type = attr(r, "type");
            open = new Case(open.module(), open.className(), open.name(), open.seconds(),
                new Skipped(message, type, r.getElementText()));
          }
          default -> { }
        }
      }
    } finally {
      r.close();
    }
    return out;
  }

  /** Surefire writes "12.3" (and "1,234.5" in some locales of old versions): 0 when unreadable. */
  private static double seconds(String s) {
    try {
      return s.isEmpty() ? 0 : Double.parseDouble(s.replace(",", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String attr(XMLStreamReader r, String name) {
    String v = r.getAttributeValue(null, name);
    return v == null ? "" : v;
  }
}
