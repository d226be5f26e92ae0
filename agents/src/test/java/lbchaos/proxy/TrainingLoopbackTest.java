package lbchaos.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lbchaos.privilege.Accounts;
import lbchaos.proxy.config.HaproxyConfigParser;
import org.junit.jupiter.api.Test;

/**
 * {@code proxy --train}, which the node image's build runs to record the proxy's AOT cache: it
 * passes its requests through both frontends and exits 0, and it touches nothing but loopback
 * (a build must not send anything anywhere).
 */
class TrainingLoopbackTest {

  @Test
  void trainsOnLoopbackAndExitsZero() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ProxyAgent.main(new String[] {"--train"});
    assertThat(code).as("proxy --train exit code").isZero();
    assertThat(Training.run(new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("proxy --train");
  }

  @Test
  void itsConfigHasOnlyLoopbackAddresses() throws Exception {
    String text = Training.config(8001, 8002, 8081, 8082, Path.of("/tmp/admin.sock"));
    var cfg = HaproxyConfigParser.parse(Path.of("train.cfg"), text, Accounts.SYSTEM);
    assertThat(cfg.frontends()).hasSize(2);
    assertThat(cfg.backends()).allSatisfy(b -> assertThat(b.servers()).hasSize(2));
    assertThat(Training.notLoopback(cfg)).isEmpty();
  }

  @Test
  void anAddressOffLoopbackIsRefusedBeforeTheProxyStarts() throws Exception {
    String text = Training.config(8001, 8002, 8081, 8082, Path.of("/tmp/admin.sock"))
        .replace("server web2 127.0.0.1:8082", "server web2 192.0.2.7:8082")
        .replace("bind 127.0.0.1:8001", "bind 0.0.0.0:8001");
    var cfg = HaproxyConfigParser.parse(Path.of("train.cfg"), text, Accounts.SYSTEM);
    assertThat(Training.notLoopback(cfg)).hasSize(3)
        .anySatisfy(a -> assertThat(a).contains("192.0.2.7:8082"))
        .anySatisfy(a -> assertThat(a).isEqualTo("*:8001"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(Training.train(text, new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing addresses off loopback");
  }
}
