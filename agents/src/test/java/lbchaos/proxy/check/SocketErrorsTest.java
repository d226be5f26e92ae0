package lbchaos.proxy.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Each transport's wording of a failed connect, reduced to strerror's as haproxy logs it. */
class SocketErrorsTest {

  @Test
  void eachTransportsWordingReadsAsStrerror() {
    assertThat(SocketErrors.text(new ConnectException("Connection refused: /127.0.0.1:8080")))
        .as("NIO").isEqualTo("Connection refused");
    assertThat(SocketErrors.text(new ConnectException("connect(..) failed: No route to host")))
        .as("epoll").isEqualTo("No route to host");
    assertThat(SocketErrors.text(new ConnectException("io_uring connect(..) failed with"
        + " error(-111)"))).as("io_uring").isEqualTo("Connection refused");
    assertThat(SocketErrors.text(new Errors.NativeIoException("recvAddress", -104)))
        .as("native errno").isEqualTo("Connection reset by peer");
  }

  @Test
  void unknownErrnoOrWordingIsKept() {
    assertThat(SocketErrors.text(new ConnectException("io_uring connect(..) failed with"
        + " error(-9999)"))).isEqualTo("io_uring connect(..) failed with error(-9999)");
    assertThat(SocketErrors.text(new IOException())).isEqualTo("IOException");
    assertThat(SocketErrors.text(new IOException("odd"))).isEqualTo("odd");
  }
}
