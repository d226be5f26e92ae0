package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.config.ReferenceConfigs.FileSpec;
import lbchaos.harness.tls.TestCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a team's haproxy.cfg names, put in the LBs from beside the config. */
class HaproxyFilesTest {

  @TempDir Path dir;

  private static final String HEAD = """
      defaults
        mode http
        timeout connect 10s
        timeout client 30s
        timeout server 30s
      """;
  private static final String TAIL = """
        default_backend apiserver
      backend apiserver
        server backend-1 192.168.122.112:80 check
        server backend-2 192.168.122.197:80 check
      """;
  private static final String PAGE = "HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-cache"
      + "\r\nContent-Type: text/html\r\n\r\n<html><body><h1>down for maintenance</h1></body>"
      + "</html>\n";

  private UserTopologyFiles derive(String frontend, List<Path> given) throws Exception {
    Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), HEAD + frontend + TAIL);
    var t = TopologyFromConfigs.derive(List.of(TopologyFromConfigsTest.LB1,
        TopologyFromConfigsTest.LB2), cfg, given);
    assertThat(t.lbFiles().get(1)).as("both LBs get the same").containsAll(t.lbFiles().get(0)
        .stream().filter(f -> !f.path().startsWith("/etc/keepalived")).toList());
    return new UserTopologyFiles(t.lbFiles().getFirst(), t.notes(), t.haproxy());
  }

  record UserTopologyFiles(List<FileSpec> files, List<String> notes,
      lbchaos.proxy.config.HaproxyConfig haproxy) {
    FileSpec at(String path) {
      return files.stream().filter(f -> f.path().equals(path)).findFirst()
          .orElseThrow(() -> new AssertionError("no file at " + path + " among " + files.stream()
              .map(FileSpec::path).toList()));
    }
  }

  @Test
  void anErrorfileUnderEtcHaproxyComesFromTheSameFolderBesideTheConfigByteForByte()
      throws Exception {
    Files.createDirectories(dir.resolve("errors"));
    Files.writeString(dir.resolve("errors/maint.http"), PAGE);
    var t = derive("""
        frontend apiserver
          bind 192.168.122.211:80
          errorfile 503 /etc/haproxy/errors/maint.http
        """, List.of());
    FileSpec page = t.at("/etc/haproxy/errors/maint.http");
    assertThat(page.content()).as("CRLFs kept").isEqualTo(PAGE);
    assertThat(page.secret()).as("a page is no secret: it goes into the evidence").isFalse();
  }

  @Test
  void aRelativeErrorfileIsTakenFromTheConfigsFolderAndPutWhereTheDaemonReadsIt()
      throws Exception {
    Files.createDirectories(dir.resolve("pages"));
    Files.writeString(dir.resolve("pages/503.http"), PAGE);
    var t = derive("""
        frontend apiserver
          bind 192.168.122.211:80
          errorfile 503 pages/503.http
        """, List.of());
    assertThat(t.at("/pages/503.http").content()).isEqualTo(PAGE);
  }

  @Test
  void aFileGivenByNameWinsAndDebiansPagesAreLeftToTheImage() throws Exception {
    Path mine = Files.writeString(Files.createDirectories(dir.resolve("given"))
        .resolve("403.http"), PAGE.replace("503 Service Unavailable", "403 Forbidden"));
    Files.writeString(dir.resolve("403.http"), PAGE);
    var t = derive("""
        frontend apiserver
          bind 192.168.122.211:80
          errorfile 403 /srv/pages/403.http
          errorfile 503 /etc/haproxy/errors/503.http
        """, List.of(mine));
    assertThat(t.at("/srv/pages/403.http").content()).as("--file's, not the one beside")
        .contains("403 Forbidden");
    assertThat(t.files()).extracting(FileSpec::path).as("Debian's page, in the LB image")
        .doesNotContain("/etc/haproxy/errors/503.http");
  }

  @Test
  void aPageThatIsNowhereIsTheLineThatNamesIt() throws Exception {
    assertThatThrownBy(() -> derive("""
        frontend apiserver
          bind 192.168.122.211:80
          errorfile 503 /etc/haproxy/errors/maint.http
        """, List.of())).isInstanceOf(BadConfig.class)
        .hasMessageContaining("haproxy.cfg:8: errorfile /etc/haproxy/errors/maint.http")
        .hasMessageContaining("errors/maint.http or maint.http next to the config");
  }

  private static final String BLOCKED = """
      frontend apiserver
        bind 192.168.122.211:80
        acl blocked src -f /etc/haproxy/blocked.lst
        http-request deny if blocked
      """;

  @Test
  void everyFileThatIsNowhereIsSaidInOnePassByLine() throws Exception {
    assertThatThrownBy(() -> derive(BLOCKED.replace("  http-request deny if blocked\n",
        "  http-request deny if blocked\n  errorfile 503 /etc/haproxy/errors/maint.http\n"),
        List.of())).isInstanceOf(BadConfig.class)
        .hasMessageContaining("haproxy.cfg:8: pattern file /etc/haproxy/blocked.lst")
        .hasMessageContaining("\n").hasMessageContaining("haproxy.cfg:10: errorfile");
  }

  @Test
  void anAclsPatternFileComesFromBesideTheConfig() throws Exception {
    Files.writeString(dir.resolve("blocked.lst"), "# abuse\n192.0.2.0/24\n");
    var t = derive(BLOCKED, List.of());
    assertThat(t.at("/etc/haproxy/blocked.lst").content()).isEqualTo("# abuse\n192.0.2.0/24\n");
    assertThat(t.haproxy().javaRefusals()).as("the java stack takes it").isEmpty();
  }

  @Test
  void aPatternFileThatIsNowhereOrAPatternTheProxyRefusesIsItsLine() throws Exception {
    assertThatThrownBy(() -> derive(BLOCKED, List.of())).isInstanceOf(BadConfig.class)
        .hasMessageContaining("haproxy.cfg:8: pattern file /etc/haproxy/blocked.lst: no file"
            + " blocked.lst next to the config");
    Files.writeString(dir.resolve("lengths.lst"), "100\nten\n");
    assertThatThrownBy(() -> derive(BLOCKED.replace("src -f /etc/haproxy/blocked.lst",
        "path_len -f /etc/haproxy/lengths.lst"), List.of())).isInstanceOf(BadConfig.class)
        .hasMessageContaining("haproxy.cfg:8").hasMessageContaining("'ten' is not a number at"
            + " line 2 of file '/etc/haproxy/lengths.lst'");
  }

  @Test
  void aHostNameInAPatternFileIsAJavaRefusalKnownBeforeAnythingStarts() throws Exception {
    Files.writeString(dir.resolve("blocked.lst"), "abuser.example\n");
    var t = derive(BLOCKED, List.of());
    assertThat(t.haproxy().javaRefusals()).extracting(r -> r.line() + " " + r.keyword())
        .containsExactly("8 acl address abuser.example (line 1 of file"
            + " '/etc/haproxy/blocked.lst')");
  }

  @Test
  void aMapFileTheJavaAgentRefusesIsStillPutThereForHaproxy() throws Exception {
    Files.writeString(dir.resolve("hosts.map"), "www.example apiserver\n");
    var t = derive("""
        frontend apiserver
          bind 192.168.122.211:80
          use_backend %[req.hdr(host),lower,map(/etc/haproxy/hosts.map,apiserver)]
        """, List.of());
    assertThat(t.at("/etc/haproxy/hosts.map").content()).isEqualTo("www.example apiserver\n");
    assertThat(t.haproxy().javaRefusals()).extracting(r -> r.keyword())
        .containsExactly("sample converter map");
  }

  @Test
  void aCertificateBesideTheConfigIsPutInPrivately() throws Exception {
    Files.createDirectories(dir.resolve("certs"));
    Files.writeString(dir.resolve("certs/site.pem"), TestCertificate.pem());
    var t = derive("""
        frontend apiserver
          bind 192.168.122.211:443 ssl crt /etc/haproxy/certs/site.pem
        """, List.of());
    FileSpec crt = t.at("/etc/haproxy/certs/site.pem");
    assertThat(crt.secret()).as("a private key stays out of the evidence").isTrue();
    assertThat(t.notes()).noneMatch(n -> n.contains("self-signed"));
  }

  @Test
  void aCrtDirectoryBringsEveryFileInIt() throws Exception {
    Path certs = Files.createDirectories(dir.resolve("certs"));
    Files.writeString(certs.resolve("a.pem"), TestCertificate.pem());
    Files.writeString(certs.resolve("b.pem"), TestCertificate.pem());
    var t = derive("""
        frontend apiserver
          bind 192.168.122.211:443 ssl crt /etc/haproxy/certs
        """, List.of());
    assertThat(t.files()).extracting(FileSpec::path).contains("/etc/haproxy/certs/a.pem",
        "/etc/haproxy/certs/b.pem");
  }

  @Test
  void aCertificateThatIsNowhereIsMadeForTheRunAndSaid() throws Exception {
    var t = derive("""
        frontend apiserver
          bind 192.168.122.211:443 ssl crt /etc/ssl/private/site.pem alpn http/1.1
        """, List.of());
    assertThat(t.at("/etc/ssl/private/site.pem").content()).as("the harness's own")
        .isEqualTo(TestCertificate.pem());
    assertThat(t.notes()).anyMatch(n -> n.contains("haproxy.cfg:7: crt /etc/ssl/private/site.pem")
        && n.contains("self-signed"));
  }
}
