package lbchaos.vrrp.config;

import static lbchaos.vrrp.config.KeepalivedParserTest.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import lbchaos.config.ConfigException;
import lbchaos.config.ConfigWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keepalived's include, as keepalived 2.2.7's lib/parser.c reads it. */
class KeepalivedIncludeTest {

  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Test
  void anIncludedFilesStatementsAreReadWhereTheIncludeIs() throws IOException {
    write("scripts.conf", "vrrp_script chk {\n script /bin/true\n weight -20\n}\n");
    write("conf.d/vi.conf", instance(" priority 90\n track_script {\n  chk\n }\n"));
    Path main = write("keepalived.conf", "global_defs {\n router_id A\n}\ninclude scripts.conf\n"
        + "include conf.d/*.conf\n");
    KeepalivedConfig c = KeepalivedParser.parse(main);
    assertThat(c.scripts()).as("the script of the first include").containsKey("chk");
    assertThat(c.instances()).as("the instance of the second, with the first's script")
        .singleElement().satisfies(i -> {
          assertThat(i.trackScripts()).extracting(TrackedScript::name).containsExactly("chk");
          assertThat(i.file()).as("the instance names its own file")
              .isEqualTo(dir.resolve("conf.d/vi.conf"));
          assertThat(i.line()).isEqualTo(1);
        });
    assertThat(c.includes()).as("reading order").containsExactly(dir.resolve("scripts.conf"),
        dir.resolve("conf.d/vi.conf"));
    assertThat(c.files()).as("main first").startsWith(main).hasSize(3);
  }

  @Test
  void anIncludeInsideABlockIsReadThere() throws IOException {
    write("vips.conf", "  10.0.0.212/24\n");
    Path main = write("keepalived.conf", "vrrp_instance VI_1 {\n interface eth0\n"
        + " virtual_router_id 51\n virtual_ipaddress {\n  10.0.0.211/24\n  include vips.conf\n"
        + " }\n}\n");
    assertThat(KeepalivedParser.parse(main).instances().getFirst().virtualAddresses())
        .as("keepalived's include is textual: it may stand in a block").hasSize(2);
  }

  @Test
  void aRelativeIncludeIsTakenFromTheIncludingFilesDirectory() throws IOException {
    // conf.d/a.conf includes "b.conf": keepalived has changed into conf.d, so conf.d/b.conf
    // is read, not the b.conf beside the main file.
    write("b.conf", "vrrp_script wrong {\n script /bin/false\n}\n");
    write("conf.d/b.conf", "vrrp_script right {\n script /bin/true\n}\n");
    write("conf.d/a.conf", "include b.conf\n");
    Path main = write("keepalived.conf", "include conf.d/a.conf\n" + instance(""));
    assertThat(KeepalivedParser.parse(main).scripts()).containsOnlyKeys("right");
  }

  @Test
  void globsAreSortedPerBraceAlternativeAndSkipHiddenFiles() throws IOException {
    write("d/b.conf", "vrrp_script b {\n script /bin/true\n}\n");
    write("d/a.conf", "vrrp_script a {\n script /bin/true\n}\n");
    write("d/.hidden.conf", "vrrp_script hidden {\n script /bin/true\n}\n");
    write("e/c.conf", "vrrp_script c {\n script /bin/true\n}\n");
    Path main = write("keepalived.conf", "include {e,d}/*.conf\n" + instance(""));
    KeepalivedConfig c = KeepalivedParser.parse(main);
    assertThat(c.includes()).as("e's matches first (brace order), then d's, sorted")
        .containsExactly(dir.resolve("e/c.conf"), dir.resolve("d/a.conf"),
            dir.resolve("d/b.conf"));
    assertThat(c.scripts()).doesNotContainKey("hidden");
  }

  @Test
  void braceExpansionFollowsCsh() {
    assertThat(Includes.braces("a{b,c{d,e}}f")).containsExactly("abf", "acdf", "acef");
    assertThat(Includes.braces("x{y")).as("unbalanced: literal").containsExactly("x{y");
  }

  @Test
  void errorsInAnIncludedFileNameThatFileAndLine() throws IOException {
    Path inc = write("conf.d/bad.conf", "vrrp_script s {\n script /bin/true\n interval soon\n}\n");
    Path main = write("keepalived.conf", "include conf.d/bad.conf\n"
        + instance(" priority banana\n"));
    assertThatThrownBy(() -> KeepalivedParser.parse(main)).isInstanceOf(ConfigException.class)
        .hasMessage(main + ":8: priority must be an integer, was 'banana'\n"
            + inc + ":3: interval must be a number of seconds, was 'soon'");
  }

  @Test
  void aPlainIncludeOfAMissingFileIsAWarningAsKeepalivedOnlyLogsIt() throws IOException {
    Path main = write("keepalived.conf", "include nowhere.conf\ninclude conf.d/*.conf\n"
        + instance(""));
    KeepalivedConfig c = KeepalivedParser.parse(main);
    assertThat(c.warnings()).extracting(ConfigWarning::toString).containsExactly(
        main + ":1: include nowhere.conf: no such file; keepalived reads on without it",
        main + ":2: include conf.d/*.conf: no file matches; keepalived reads on without it");
  }

  @Test
  void theCheckingVariantsMakeMissingFilesErrors() throws IOException {
    write("a.conf", "\n");
    Path main = write("keepalived.conf", "includem nowhere.conf\nincludew conf.d/*.conf\n"
        + "includeb {a,b}.conf\ninclude {a,b}.conf\n" + instance(""));
    assertThatThrownBy(() -> KeepalivedParser.parse(main)).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems())
            .extracting(ConfigException.Problem::line).as("plain include: a warning only")
            .containsExactly(1, 2, 3))
        .hasMessageContaining(":1: includem nowhere.conf: no such file\n")
        .hasMessageContaining(":2: includew conf.d/*.conf: no file matches\n")
        .hasMessageContaining(":3: includeb {a,b}.conf: some of its files are missing");
  }

  @Test
  void includerRefusesAnExecutableWhichPlainIncludeSkips() throws IOException {
    Path exe = write("run.conf", "vrrp_script x {\n script /bin/true\n}\n");
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path main = write("keepalived.conf", "include run.conf\n" + instance(""));
    KeepalivedConfig c = KeepalivedParser.parse(main);
    assertThat(c.scripts()).as("skipped as keepalived does").isEmpty();
    assertThat(c.warnings()).singleElement().asString().contains("not a readable non-executable");
    Path strict = write("strict.conf", "includer run.conf\n" + instance(""));
    assertThatThrownBy(() -> KeepalivedParser.parse(strict)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(":1: includer " + exe + ": not a readable non-executable");
  }

  @Test
  void anIncludeLoopIsAnErrorNotARecursion() throws IOException {
    write("a.conf", "include b.conf\n");
    write("b.conf", "include a.conf\n");
    Path main = write("keepalived.conf", "include a.conf\n" + instance(""));
    assertThatThrownBy(() -> KeepalivedParser.parse(main)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve("b.conf") + ":1: include " + dir.resolve("a.conf")
            + ": an include loop");
  }

  @Test
  void placedAtEtcKeepalivedAnAbsoluteIncludeThereIsReadBesideTheMainFile() throws IOException {
    write("conf.d/vi.conf", instance(""));
    Path main = write("lb1.conf", "include /etc/keepalived/conf.d/*.conf\n");
    Path runsAs = Path.of("/etc/keepalived/keepalived.conf");
    KeepalivedConfig c = KeepalivedParser.parse(main, Files.readString(main), runsAs);
    assertThat(c.includes()).containsExactly(dir.resolve("conf.d/vi.conf"));
    Path elsewhere = write("lb2.conf", "include /srv/lb/*.conf\n" + instance(""));
    assertThatThrownBy(() -> KeepalivedParser.parse(elsewhere, Files.readString(elsewhere),
        runsAs)).isInstanceOf(ConfigException.class).hasMessageContaining(
            elsewhere + ":1: include /srv/lb/*.conf: the harness places your configs in"
            + " /etc/keepalived");
  }
}
