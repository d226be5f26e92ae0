package lbchaos.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DictionaryTest {

  @Test
  void escapesAndCommentsAsLibFuzzerReadsThem() {
    assertThat(Dictionary.parse("# keywords\n\"a b\"\nkw=\"\\x0a\"\n\n\"\\\\\"\n\"\\\"\"\n"
        + "\"\\xc3\\xa9\"\n", "t.dict"))
        .containsExactly("a b", "\n", "\\", "\"", "é");
  }

  @Test
  void theRepositorysDictionariesRead() {
    assertThat(Dictionary.tokens("/lbchaos/fuzz/keepalived.dict"))
        .contains("vrrp_instance", "\n", "\u0000", "é").hasSizeGreaterThan(30);
    assertThat(Dictionary.tokens("/lbchaos/fuzz/haproxy.dict"))
        .contains("backend", "\\", "\"", "ß").hasSizeGreaterThan(30);
  }

  @Test
  void aBadLineIsNamedWithItsFileAndLine() {
    assertThatThrownBy(() -> Dictionary.parse("\"ok\"\nunquoted\n", "t.dict"))
        .hasMessageStartingWith("t.dict:2:");
    assertThatThrownBy(() -> Dictionary.parse("\"\\q\"\n", "t.dict"))
        .hasMessageStartingWith("t.dict:1: bad escape");
    assertThatThrownBy(() -> Dictionary.tokens("/lbchaos/fuzz/missing.dict"))
        .hasMessageContaining("missing.dict");
  }
}
