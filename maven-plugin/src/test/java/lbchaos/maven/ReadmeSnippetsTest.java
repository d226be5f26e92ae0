package lbchaos.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "In your own project" snippets are the example project's own lines, which
 * lbchaos's build runs (maven-invoker-plugin): a snippet that drifts from the example fails here.
 */
class ReadmeSnippetsTest {

  static final Path README = Path.of("../README.md");
  static final Path EXAMPLE = Path.of("../examples/lb-project");
  static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```$");

  record Snippet(String language, String text) {}

  static List<Snippet> snippets() throws Exception {
    String readme = Files.readString(README);
    int from = readme.indexOf("\n## In your own project\n");
    assertThat(from).as("the README's section").isPositive();
    int to = readme.indexOf("\n## ", from + 1);
    Matcher m = FENCE.matcher(readme.substring(from, to < 0 ? readme.length() : to));
    List<Snippet> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Snippet(m.group(1), m.group(2)));
    }
    return out;
  }

  /** The lines without the indentation they share, blank lines kept. */
  static List<String> dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }

  /** Whether some run of consecutive lines of {@code file}, dedented, is {@code snippet}. */
  static boolean copiedFrom(Path file, String snippet) throws Exception {
    List<String> want = dedent(snippet.lines().toList());
    List<String> have = Files.readAllLines(file);
    for (int i = 0; i + want.size() <= have.size(); i++) {
      if (dedent(have.subList(i, i + want.size())).equals(want)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everySnippetIsTheExamplesOwnLines() throws Exception {
    List<Snippet> s = snippets();
    assertThat(s).extracting(Snippet::language).as("the plugin, the dependency, the test")
        .containsExactly("xml", "xml", "java");
    for (Snippet snippet : s) {
      Path file = snippet.language().equals("java")
          ? EXAMPLE.resolve("src/test/java/com/example/lb/LoadBalancerIT.java")
          : EXAMPLE.resolve("pom.xml");
      assertThat(copiedFrom(file, snippet.text())).as("README snippet copied from %s:%n%s",
          file, snippet.text()).isTrue();
    }
    assertThat(s.getFirst().text()).as("the plugin snippet").contains("lbchaos-maven-plugin")
        .contains("<goal>check</goal>").contains("<goal>lint</goal>");
    assertThat(s.get(2).text()).as("the JUnit snippet").contains("@LbChaos(")
        .contains("LbChaosTests");
  }
}
