package lbchaos.report.junit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import lbchaos.report.model.RunReport;
import lbchaos.report.model.ScenarioReport;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;

/**
 * JUnit XML for CLI runs, the form CI servers read (Surefire's): one testsuite per stack, one
 * testcase per scenario. A failed check is a {@code <failure>}; a scenario that could not be
 * judged (unknown, harness error) is an {@code <error>}, so a CI tells the two apart. The message
 * names every verdict that did not pass; the body lists all of them.
 */
public final class JunitXml {

  private JunitXml() {}

  public static Path write(List<RunReport> runs, Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      for (RunReport run : runs) {
        suite(x, run);
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML to " + file, e);
    }
    return file;
  }

  private static void suite(XMLStreamWriter x, RunReport run) throws XMLStreamException {
    List<ScenarioReport> ss = run.scenarios();
    x.writeCharacters("\n  ");
    x.writeStartElement("testsuite");
    x.writeAttribute("name", "lbchaos." + run.stack());
    x.writeAttribute("tests", Integer.toString(ss.size()));
    x.writeAttribute("failures", count(ss, Outcome.FAIL));
    x.writeAttribute("errors", count(ss, Outcome.UNKNOWN));
    x.writeAttribute("skipped", "0");
    x.writeAttribute("time", seconds(run.info().duration().toMillis() / 1000.0));
    x.writeAttribute("timestamp", run.started().toString());
    for (ScenarioReport s : ss) {
      x.writeCharacters("\n    ");
      x.writeStartElement("testcase");
      x.writeAttribute("classname", "lbchaos." + run.stack());
      x.writeAttribute("name", s.name());
      x.writeAttribute("time", seconds(s.timeline().seconds()));
      if (s.outcome() != Outcome.PASS) {
        x.writeStartElement(s.outcome() == Outcome.FAIL ? "failure" : "error");
        List<Verdict> bad = s.verdicts().stream().filter(v -> !v.passed()).toList();
        x.writeAttribute("message", bad.isEmpty() ? "no verdict"
            : String.join("; ", bad.stream().map(Verdict::line).toList()));
        x.writeAttribute("type", s.outcome() == Outcome.FAIL ? "check failed" : "no verdict");
        x.writeCharacters(String.join("\n", s.verdicts().stream().map(Verdict::line).toList()));
        x.writeEndElement();
      }
      x.writeStartElement("system-out");
      x.writeCharacters(String.join("\n", s.verdicts().stream().map(Verdict::line).toList()));
      x.writeEndElement();
      x.writeEndElement();
    }
    x.writeCharacters("\n  ");
    x.writeEndElement();
  }

  private static String count(List<ScenarioReport> ss, Outcome o) {
    return Long.toString(ss.stream().filter(s -> s.outcome() == o).count());
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }
}
