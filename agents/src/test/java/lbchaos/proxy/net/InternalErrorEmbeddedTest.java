package lbchaos.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelOption;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.proxy.stick.Tables;
import org.junit.jupiter.api.Test;

/**
 * A request the agent's own code fails on is answered haproxy's 500 and the connection closed,
 * not closed without a word. The failure is injected through a stick table's clock.
 */
class InternalErrorEmbeddedTest {

  @Test
  void aFailureInTheRulesIsAnswered500() {
    HaproxyConfig c = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), """
        defaults
          mode http
          timeout client 1s
        frontend f
          bind :80
          stick-table type ip size 10 store http_req_cnt
          http-request track-sc0 src
        """);
    Tables failing = new Tables(c.stickTables(), () -> {
      throw new IllegalStateException("injected: the clock failed");
    });
    HttpSession session = new HttpSession(Routing.Route.NONE, Optional.empty(),
        () -> new String[] {"", ""}, Optional.empty(), false, false);
    session.routing(new Routing(c.frontend("f").orElseThrow().rules(), Optional.empty(),
        Map.of(), Map.of(), failing));
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.config().setOption(ChannelOption.AUTO_READ, false);
    ch.pipeline().addLast(session.arrivals(), Codecs.server(), session);
    HttpSoftStopEmbeddedTest.send(ch, "GET / HTTP/1.1\r\nHost: lb\r\n\r\n");
    assertThat(HttpSoftStopEmbeddedTest.written(ch)).startsWith(
        "HTTP/1.1 500 Internal Server Error\r\n").contains("connection: close\r\n")
        .endsWith("<h1>500 Internal Server Error</h1>\nAn internal server error occurred.\n"
            + "</body></html>\n");
    assertThat(ch.isActive()).as("closed after the answer").isFalse();
  }
}
