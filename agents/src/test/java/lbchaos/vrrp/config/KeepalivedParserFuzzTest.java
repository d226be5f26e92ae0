package lbchaos.vrrp.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import lbchaos.config.ConfigException;
import lbchaos.fuzz.Cases;
import lbchaos.fuzz.ConfigMutations;
import lbchaos.fuzz.Dictionary;
import lbchaos.fuzz.FuzzLedger;
import lbchaos.fuzz.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated keepalived.conf text: the parser either returns a config or throws a
 * ConfigException naming a line inside the input, never anything else. Two fuzzers ask it:
 * {@link #guided}, coverage-guided by Jazzer from the article's config and the keyword dictionary
 * (on its seed inputs in a normal build, {@code fuzz.tries} runs in the agents' {@code fuzz}
 * profile), and two seeded properties that always reach the structured mutations ({@code
 * fuzz.tries} cases each, 1,000 by default).
 */
class KeepalivedParserFuzzTest {

  static final String DICTIONARY = "/lbchaos/fuzz/keepalived.dict";
  static final String ARTICLE = Seeds.text(
      "/lbchaos/vrrp/config/KeepalivedParserFuzzTestInputs/guided/article.conf");
  static final List<String> TOKENS = Dictionary.tokens(DICTIONARY);

  static final String TARGET = "keepalived.conf";
  static final String GUIDED = "keepalived.conf-guided";

  @AfterAll
  static void writeLedger() {
    FuzzLedger.write(TARGET);
    FuzzLedger.write(GUIDED);
  }

  @FuzzTest
  @DictionaryFile(resourcePath = DICTIONARY)
  void guided(byte[] input) {
    assertParsesOrNamesALine(GUIDED, new String(input, StandardCharsets.UTF_8));
  }

  @Test
  void mutatedArticleConfigGivesAConfigOrALineNumberedError() {
    Cases.forEach("KeepalivedParserFuzzTest.mutatedArticle", Cases.fuzzTries(),
        ConfigMutations.of(ARTICLE, TOKENS), t -> assertParsesOrNamesALine(TARGET, t));
  }

  @Test
  void tokenSoupGivesAConfigOrALineNumberedError() {
    Cases.forEach("KeepalivedParserFuzzTest.tokenSoup", Cases.fuzzTries(),
        ConfigMutations.soup(TOKENS), t -> assertParsesOrNamesALine(TARGET, t));
  }

  static void assertParsesOrNamesALine(String target, String text) {
    long lines = text.lines().count() + 1;
    try {
      KeepalivedParser.parse(Path.of("fuzz.conf"), text);
      FuzzLedger.count(target, "parsed");
    } catch (ConfigException e) {
      FuzzLedger.count(target, "error");
      assertThat(e.line()).as("line of '%s' within the input", e.getMessage())
          .isBetween(0, (int) lines);
      assertThat(e.getMessage()).as("message names the file").startsWith("fuzz.conf:");
    }
  }
}
