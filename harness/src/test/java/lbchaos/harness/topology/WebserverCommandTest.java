package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;

import lbchaos.harness.config.LbSettings;
import org.junit.jupiter.api.Test;

/** How a webserver container is started: the script's arguments from the lab's spec. */
class WebserverCommandTest {

  @Test
  void logsEveryRequestUnlessTheSpecSaysNot() {
    assertThat(Lab.webserverCommand("webserver-1", 80, true))
        .containsExactly("webserver", "webserver-1");
    assertThat(Lab.webserverCommand("webserver-2", 8080, true))
        .containsExactly("webserver", "webserver-2", "8080");
    assertThat(Lab.webserverCommand("webserver-1", 80, false))
        .containsExactly("webserver", "--no-access-log", "webserver-1");
    assertThat(Lab.webserverCommand("webserver-2", 8080, false))
        .containsExactly("webserver", "--no-access-log", "webserver-2", "8080");
  }

  @Test
  void onlyTheLoadTrialsTurnTheAccessLogsOff() {
    LabSpec article = LabSpec.article(Stack.JAVA);
    assertThat(article.accessLogs()).isTrue();
    LabSpec quiet = article.withSettings(LbSettings.ARTICLE).withoutAccessLogs();
    assertThat(quiet.accessLogs()).isFalse();
    // the other withers keep the choice
    assertThat(quiet.withCounts(2, 3).accessLogs()).isFalse();
    assertThat(quiet.withOutsider().accessLogs()).isFalse();
    assertThat(quiet.withSettings(LbSettings.ARTICLE).accessLogs()).isFalse();
  }
}
