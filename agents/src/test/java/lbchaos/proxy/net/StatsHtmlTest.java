package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsHtmlTest {

  @Test
  void oneTablePerProxyWithItsRowsAndCounters() {
    String csv = StatsRender.CSV_HEADER
        + "fe,FRONTEND,0,0,1,4,2000,17,100,200,,,,,,,,OPEN,,,,,,,,,1,1,0,,17,,0,,,,,,,\n"
        + "be,web<1>,0,0,0,2,,9,50,90,,,,1,,0,0,DOWN,1,1,0,3,1,0,,,1,2,1,,9,,2,,,,L4CON,,1,\n"
        + "be,BACKEND,0,0,0,2,,9,50,90,,,,1,,0,0,UP,1,1,0,0,0,0,,,1,2,0,,9,,1,,,,,,,\n";
    String html = StatsHtml.render(csv, "lb");
    assertThat(html).contains("<title>Statistics Report for lb</title>")
        .contains("<th class=\"pxname\">fe</th>").contains("<th class=\"pxname\">be</th>")
        .as("escaped").contains("<td>web&lt;1&gt;</td>")
        .as("status cell").contains("<td class=\"DOWN\">DOWN</td>")
        .as("check status").contains("<td>L4CON</td>");
    assertThat(html.split("<table", -1)).as("two proxies").hasSize(3);
  }
}
