package lbchaos.proxy.acl;

import static lbchaos.proxy.acl.RulesTest.cfg;
import static lbchaos.proxy.acl.RulesTest.get;
import static lbchaos.proxy.acl.RulesTest.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lbchaos.config.ConfigException;
import lbchaos.privilege.Accounts;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.proxy.config.PatternFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACL patterns from files ({@code -f FILE}), read as haproxy 2.6 reads them. */
class PatternFilesTest {

  @TempDir Path dir;

  private String file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, java.nio.charset.StandardCharsets.ISO_8859_1)
        .toString();
  }

  private static HaproxyConfig parse(String lines) {
    return HaproxyConfigParser.parse(Path.of("haproxy.cfg"), cfg(lines), Accounts.UNCHECKED,
        PatternFiles.SYSTEM);
  }

  private static boolean matches(String acl, Request r) {
    HaproxyConfig c = parse("acl x " + acl + "\nuse_backend b if x");
    assertThat(c.javaRefusals()).as("refusals of " + acl).isEmpty();
    return c.frontend("f").orElseThrow().rules().backend(r).isPresent();
  }

  @Test
  void aLineIsAPatternToItsEndCommentsAndEmptyLinesAside() {
    assertThat(PatternFiles.patterns("# a comment\n  \ta b \r\n\n   \n  # not one\r\nlast"))
        .as("leading blanks skipped, trailing kept, to the first CR; '#' only in column one")
        .containsExactly(Map.entry(2, "a b "), Map.entry(5, "# not one"), Map.entry(6, "last"));
    assertThat(PatternFiles.patterns("")).isEmpty();
  }

  @Test
  void addressesAndSubnetsFromAFileMatchTheClient() throws Exception {
    String allow = file("allow.lst", "# the office\n10.1.2.0/24\n192.0.2.7\n2001:db8::/32\n");
    assertThat(matches("src -f " + allow, req("GET", "/", "10.1.2.3"))).isTrue();
    assertThat(matches("src -f " + allow, req("GET", "/", "192.0.2.7"))).isTrue();
    assertThat(matches("src -f " + allow, req("GET", "/", "192.0.2.8"))).isFalse();
    assertThat(matches("src -f " + allow, req("GET", "/", "2001:db8::1"))).isTrue();
    assertThat(matches("src -f " + allow + " 192.0.2.8", req("GET", "/", "192.0.2.8")))
        .as("the line's patterns as well").isTrue();
  }

  @Test
  void theCaseFlagAppliesToTheFilesAfterIt() throws Exception {
    String paths = file("paths.lst", "/Admin\n/private/\n");
    assertThat(matches("path_beg -i -f " + paths, get("/admin/x"))).as("-i before").isTrue();
    assertThat(matches("path_beg -f " + paths + " -i", get("/admin/x"))).as("-i after")
        .isFalse();
    assertThat(matches("path_beg -f " + paths, get("/private/a"))).isTrue();
    String hosts = file("hosts.lst", "^api\\.\n");
    assertThat(matches("hdr(host) -m reg -f " + hosts, get("/", "Host", "api.example")))
        .as("-m before -f").isTrue();
  }

  @Test
  void integersInAFileAreRangesWithoutOperatorsAMinusIsUpTo() throws Exception {
    String lens = file("lens.lst", "-3\n10-12\n20:\n");
    for (int n : new int[] {1, 3, 10, 12, 20, 40}) {
      assertThat(matches("path_len -f " + lens, get("/" + "a".repeat(n - 1)))).as("length " + n)
          .isTrue();
    }
    for (int n : new int[] {4, 9, 13, 19}) {
      assertThat(matches("path_len -f " + lens, get("/" + "a".repeat(n - 1)))).as("length " + n)
          .isFalse();
    }
  }

  @Test
  void anAddressTheAgentCannotReadRefusesTheFileAtItsLineAndNothingElse() throws Exception {
    String hosts = file("hosts.lst", "10.0.0.1\nbackup.example\n");
    HaproxyConfig c = parse("acl x src -f " + hosts + "\nhttp-request deny if x");
    assertThat(c.javaRefusals()).extracting(r -> r.line() + " " + r.keyword())
        .containsExactly("8 acl address backup.example (line 2 of file '" + hosts + "')");
  }

  @Test
  void anAnonymousAclReadsItsFileToo() throws Exception {
    String deny = file("deny.lst", "10.1.2.3\n");
    HaproxyConfig c = parse("use_backend c if { src -f " + deny + " }");
    assertThat(c.frontend("f").orElseThrow().rules().backend(get("/"))).isPresent();
    assertThat(c.patternFiles()).containsExactly(new PatternFile(deny, 8));
  }

  @Test
  void errorsInHaproxysWordsAtTheLineNamingTheFile() throws Exception {
    String ints = file("ints.lst", "5\nten\n");
    String paths = file("p.lst", "/a\n");
    for (String[] c : new String[][] {
        {"acl x path -f /nonexistent/x.lst", "failed to open pattern file </nonexistent/x.lst>"},
        {"acl x path_len -f " + ints, "'ten' is not a number at line 2 of file '" + ints
            + "'"},
        {"acl x path_len -f " + file("range.lst", "5:3\n"), "'5:3' is not a valid number range"
            + " at line 1 of file"},
        {"acl x path -f " + paths + " -m beg", "'-m' must only be specified before patterns and"
            + " files in parsing ACL expression"},
        {"acl x var(txn.a) -f " + paths, "matching method must be specified first"}}) {
      assertThatThrownBy(() -> parse(c[0])).as(c[0]).isInstanceOf(ConfigException.class)
          .hasMessageContaining("haproxy.cfg:8").hasMessageContaining(c[1]);
    }
  }

  @Test
  void mapFilesAreListedThoughTheAgentRefusesThem() {
    HaproxyConfig c = HaproxyConfigParser.parse(Path.of("haproxy.cfg"), cfg(
        "acl x hdr(host) -M -f /etc/haproxy/a.map\nacl y path,map_beg(/etc/haproxy/b.map) z"));
    assertThat(c.patternFiles()).containsExactly(new PatternFile("/etc/haproxy/a.map", 8),
        new PatternFile("/etc/haproxy/b.map", 9));
    assertThat(c.javaRefusals()).extracting(r -> r.keyword())
        .containsExactly("acl -M", "acl converter map_beg");
  }

  @Test
  void aHarnessReadingTheConfigElsewhereListsTheFilesAndReadsNone() {
    HaproxyConfig c = HaproxyConfigParser.parse(Path.of("haproxy.cfg"),
        cfg("acl x src -f /etc/haproxy/allow.lst\nacl y path -f rel.lst\nuse_backend b if x y"));
    assertThat(c.patternFiles()).containsExactly(new PatternFile("/etc/haproxy/allow.lst", 8),
        new PatternFile("rel.lst", 9));
    assertThat(c.frontend("f").orElseThrow().rules().backend(get("/"))).as("no pattern")
        .isEmpty();
    assertThat(List.of(c.javaRefusals())).containsExactly(List.of());
  }
}
