package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Lines split as haproxy 2.6's parse_line splits them (tools.c). */
class TokenizerTest {

  @Test
  void wordsQuotesAndComments() {
    assertThat(Tokenizer.words("  acl  x path /a # a comment")).containsExactly("acl", "x",
        "path", "/a");
    assertThat(Tokenizer.words("a \"b c\" 'd \\e' f\"g h\"")).containsExactly("a", "b c",
        "d \\e", "fg h");
  }

  /**
   * A backslash escapes what parse_line lets it escape and stays before anything else: a regex's
   * "\." and a replacement's "\1" reach the action as written (they lost their backslash before).
   */
  @Test
  void aBackslashStaysBeforeWhatItDoesNotEscape() {
    assertThat(Tokenizer.words("path_reg ^/a\\.b\\d+$")).containsExactly("path_reg",
        "^/a\\.b\\d+$");
    assertThat(Tokenizer.words("replace-path /(.*) /x\\1")).containsExactly("replace-path",
        "/(.*)", "/x\\1");
    assertThat(Tokenizer.words("a\\ b c\\#d e\\\\f \\'g\\\" \\x41\\t")).containsExactly(
        "a b", "c#d", "e\\f", "'g\"", "A\t");
    assertThat(Tokenizer.words("\\$HOME \"\\$HOME\"")).containsExactly("\\$HOME", "$HOME");
    assertThatThrownBy(() -> Tokenizer.words("a\\xZ1")).hasMessageContaining("hex sequence");
  }
}
