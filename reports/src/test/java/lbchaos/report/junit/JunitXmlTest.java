package lbchaos.report.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import lbchaos.report.Samples;
import lbchaos.report.model.RunReport;
import lbchaos.report.model.ScenarioReport;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JunitXmlTest {

  @Test
  void oneTestcasePerScenarioWithEveryFailingVerdictInTheMessage(@TempDir Path dir)
      throws Exception {
    RunReport run = Samples.run();
    ScenarioReport unknown = new ScenarioReport("blind", "", Outcome.UNKNOWN,
        List.of(Verdict.unknown("client-outage", java.util.Map.of(), "no probe answered")),
        run.scenarios().getFirst().timeline(), List.of());
    RunReport withUnknown = new RunReport("reference", run.info(),
        List.of(run.scenarios().get(0), run.scenarios().get(1), unknown), List.of());
    Path f = JunitXml.write(List.of(run, withUnknown), dir.resolve("out/junit.xml"));

    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
    var suites = d.getElementsByTagName("testsuite");
    assertThat(suites.getLength()).as("one suite per stack").isEqualTo(2);
    Element ref = (Element) suites.item(1);
    assertThat(ref.getAttribute("name")).isEqualTo("lbchaos.reference");
    assertThat(ref.getAttribute("tests")).isEqualTo("3");
    assertThat(ref.getAttribute("failures")).as("the master kill").isEqualTo("1");
    assertThat(ref.getAttribute("errors")).as("the unknown one").isEqualTo("1");
    var cases = ref.getElementsByTagName("testcase");
    assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength())
        .as("a passing scenario has no failure").isZero();
    Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).as("the failing verdict's line")
        .isEqualTo("FAIL outage: the client saw no answer for 2.20 s, more than 1.50 s");
    Element error = (Element) ((Element) cases.item(2)).getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message")).contains("??   client-outage: no probe answered");
  }
}
