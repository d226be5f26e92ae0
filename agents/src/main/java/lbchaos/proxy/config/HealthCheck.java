package lbchaos.proxy.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How a backend checks its servers: plain connect, tcp-check rules, or an HTTP request. */
public sealed interface HealthCheck {

  /** Default: the check passes when a TCP connection is established ("Layer4 check passed"). */
  record TcpConnect() implements HealthCheck {}

  /** "option tcp-check" with its "tcp-check" rules, run in order. */
  record TcpCheck(List<TcpStep> steps) implements HealthCheck {
    public TcpCheck {
      steps = List.copyOf(steps);
    }
  }

  /**
   * "option httpchk [METHOD] [URI] [VERSION]" plus its "http-check expect" rules, applied in
   * order to the one answer ({@link HttpExpect}). Without a rule, haproxy expects status 200-399.
   */
  record HttpCheck(String method, String uri, String version, List<HttpExpect> expects)
      implements HealthCheck {
    public HttpCheck {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(version, "version");
      expects = expects.isEmpty() ? List.of(HttpExpect.DEFAULT) : List.copyOf(expects);
    }

    /** The first rule this answer fails; empty when it passes them all. */
    public Optional<HttpExpect> failed(int status, String body) {
      return expects.stream().filter(e -> !e.passes(status, body)).findFirst();
    }

    /** Some rule reads the body, so the check waits for the whole answer. */
    public boolean needsBody() {
      return expects.stream().anyMatch(e -> e.match().onBody());
    }
  }

  /** One tcp-check rule. */
  sealed interface TcpStep {}

  /** "tcp-check connect [port N]". */
  record Connect(Optional<Integer> port) implements TcpStep {}

  /** "tcp-check send STRING" or "send-binary HEX": bytes to write. */
  record Send(byte[] data) implements TcpStep {
    public Send {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /** "tcp-check expect [!] string|binary X": the response must (not) contain these bytes. */
  record Expect(byte[] pattern, boolean negate) implements TcpStep {
    public Expect {
      pattern = pattern.clone();
    }

    @Override
    public byte[] pattern() {
      return pattern.clone();
    }
  }
}
