package lbchaos.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import lbchaos.event.ProbeSample.ErrorKind;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  @Test
  void theJdksSocketErrorsMapToTheKindsAClientSees() {
    assertThat(ErrorClassifier.classify(new SocketTimeoutException("Connect timed out")))
        .as("connect timeout").isEqualTo(ErrorKind.TIMEOUT);
    assertThat(ErrorClassifier.classify(new SocketTimeoutException("Read timed out")))
        .as("read timeout").isEqualTo(ErrorKind.TIMEOUT);
    assertThat(ErrorClassifier.classify(new ConnectException("Connection refused")))
        .as("refused").isEqualTo(ErrorKind.REFUSED);
    assertThat(ErrorClassifier.classify(new NoRouteToHostException("No route to host")))
        .as("no route, typed").isEqualTo(ErrorKind.UNREACHABLE);
    assertThat(ErrorClassifier.classify(new ConnectException("No route to host")))
        .as("no route, as a ConnectException").isEqualTo(ErrorKind.UNREACHABLE);
    assertThat(ErrorClassifier.classify(new SocketException("Network is unreachable")))
        .as("network unreachable").isEqualTo(ErrorKind.UNREACHABLE);
    assertThat(ErrorClassifier.classify(new SocketException("Connection reset")))
        .as("reset on read").isEqualTo(ErrorKind.RESET);
    assertThat(ErrorClassifier.classify(new SocketException("Connection reset by peer")))
        .as("reset by peer").isEqualTo(ErrorKind.RESET);
    assertThat(ErrorClassifier.classify(new SocketException("Broken pipe")))
        .as("write after RST").isEqualTo(ErrorKind.RESET);
    assertThat(ErrorClassifier.classify(new ConnectException("Connection timed out")))
        .as("kernel connect timeout").isEqualTo(ErrorKind.TIMEOUT);
    assertThat(ErrorClassifier.classify(new BadAnswerException("empty reply")))
        .as("bad answer").isEqualTo(ErrorKind.BAD_ANSWER);
    assertThat(ErrorClassifier.classify(new IOException("something else")))
        .as("anything else").isEqualTo(ErrorKind.OTHER);
  }
}
