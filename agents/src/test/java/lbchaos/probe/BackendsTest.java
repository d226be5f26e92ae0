package lbchaos.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendsTest {

  @Test
  void findsTheArticlesBackendNames() {
    assertThat(Backends.find("<h1>This is coming from backend webserver-2</h1>"))
        .as("article page with closing tag").contains("webserver-2");
    assertThat(Backends.find("<h1>This is coming from backend webserver-1\n"))
        .as("article page without closing tag (webserver-1's echo)").contains("webserver-1");
    assertThat(Backends.find("<h1> This is coming from backend web-a</h1>"))
        .as("any name after 'backend '").contains("web-a");
    assertThat(Backends.find("<h1>503 Service Unavailable</h1>")).as("no name").isEmpty();
  }
}
