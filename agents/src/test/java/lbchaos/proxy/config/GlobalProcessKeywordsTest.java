package lbchaos.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import lbchaos.config.ConfigException;
import lbchaos.privilege.Accounts;
import lbchaos.privilege.Ids;
import lbchaos.privilege.UserSpec;
import org.junit.jupiter.api.Test;

/** global user, group, uid, gid and hard-stop-after: parsed, checked at parse, applied. */
class GlobalProcessKeywordsTest {

  static final Path FILE = Path.of("haproxy.cfg");

  /** Two accounts, so the tests do not depend on the machine's passwd file. */
  static final Accounts FAKE = new Accounts() {
    final Map<String, Ids> users = Map.of("web", new Ids(1001, 1002));
    final Map<String, Integer> groups = Map.of("webgrp", 2000);

    @Override
    public Optional<Ids> user(String name) {
      return Optional.ofNullable(users.get(name));
    }

    @Override
    public Optional<Integer> group(String name) {
      return Optional.ofNullable(groups.get(name));
    }
  };

  static final UserSpec FLAG = UserSpec.parse("lbchaos");

  static Global global(String lines) throws ConfigException {
    return HaproxyConfigParser.parse(FILE, "global\n" + lines + "backend b\n", FAKE).global();
  }

  @Test
  void nothingNamedKeepsTheFlagsUserAndNoHardStop() throws Exception {
    Global g = global("  maxconn 100\n");
    assertThat(g.user()).as("user").isEmpty();
    assertThat(g.group()).as("group").isEmpty();
    assertThat(g.hardStopAfter()).as("haproxy's default: no hard-stop-after").isEmpty();
    assertThat(g.runAs(FLAG)).as("--user decides").isEqualTo(FLAG);
  }

  @Test
  void userAndGroupTakePrecedenceOverTheFlag() throws Exception {
    Global g = global("  user web\n  group webgrp\n");
    assertThat(g.runAs(FLAG)).as("the config's user and group").isEqualTo(UserSpec.parse("web:webgrp"));
  }

  @Test
  void userAloneTakesItsOwnPrimaryGroupNotTheFlags() throws Exception {
    Global g = global("  user web\n");
    assertThat(g.runAs(UserSpec.parse("lbchaos:other"))).as("no group from --user")
        .isEqualTo(UserSpec.parse("web"));
  }

  @Test
  void groupAloneJoinsTheFlagsUser() throws Exception {
    assertThat(global("  group webgrp\n").runAs(FLAG)).as("user from --user, group from config")
        .isEqualTo(UserSpec.parse("lbchaos:webgrp"));
  }

  @Test
  void numericUidAndGid() throws Exception {
    Global g = global("  uid 1234\n  gid 4321\n");
    assertThat(g.runAs(FLAG)).as("numbers as given").isEqualTo(UserSpec.parse("1234:4321"));
  }

  @Test
  void secondUserWinsWithAWarning() throws Exception {
    HaproxyConfig c = HaproxyConfigParser.parse(FILE,
        "global\n  uid 1234\n  user web\nbackend b\n", FAKE);
    assertThat(c.global().user()).as("the last one").contains("web");
    assertThat(c.warnings()).as("warning on line 3")
        .anySatisfy(w -> assertThat(w.toString()).contains(":3:").contains("already specified"));
  }

  @Test
  void hardStopAfterIsAHaproxyTime() throws Exception {
    assertThat(global("  hard-stop-after 30s\n").hardStopAfter()).as("30s")
        .contains(Duration.ofSeconds(30));
    assertThat(global("  hard-stop-after 250\n").hardStopAfter()).as("bare number: ms")
        .contains(Duration.ofMillis(250));
  }

  @Test
  void processKeywordsNoLongerWarn() throws Exception {
    HaproxyConfig c = HaproxyConfigParser.parse(FILE,
        "global\n  user web\n  group webgrp\n  hard-stop-after 1s\nbackend b\n", FAKE);
    assertThat(c.warnings()).as("understood, so not 'ignored'")
        .noneSatisfy(w -> assertThat(w.toString()).contains("global keyword"));
  }

  @Test
  void unknownOrMalformedNamesAreErrorsWithTheirLine() {
    assertError("global\n  maxconn 10\n  user nosuch\n", 3, "cannot find user id for 'nosuch'");
    assertError("global\n  group nosuch\n", 2, "cannot find group id for 'nosuch'");
    assertError("global\n  user\n", 2, "user");
    assertError("global\n  user $(reboot)\n", 2, "not a user name");
    assertError("global\n  uid -5\n", 2, "uid");
    assertError("global\n  gid many\n", 2, "gid");
    assertError("global\n  hard-stop-after soon\n", 2, "");
  }

  @Test
  void theSystemDatabaseWhenAskedForItOnlyTheFormOtherwise() throws Exception {
    // root exists on every Linux; a name this odd on none
    assertThat(HaproxyConfigParser.parse(FILE, "global\n  user root\n  group root\n",
        Accounts.SYSTEM).global().user()).as("root resolves").contains("root");
    assertThatThrownBy(() -> HaproxyConfigParser.parse(FILE,
        "global\n  user lbchaos-no-such-user\n", Accounts.SYSTEM))
        .as("unknown on this system").isInstanceOf(ConfigException.class)
        .hasMessageContaining("haproxy.cfg:2: cannot find user id");
    assertThat(HaproxyConfigParser.parse(FILE, "global\n  user lbchaos-no-such-user\n")
        .global().user()).as("a harness reading a config for its containers: form only")
        .contains("lbchaos-no-such-user");
    assertThatThrownBy(() -> HaproxyConfigParser.parse(FILE, "global\n  user a;b\n"))
        .as("the form is still checked").isInstanceOf(ConfigException.class);
  }

  private static void assertError(String text, int line, String fragment) {
    assertThatThrownBy(() -> HaproxyConfigParser.parse(FILE, text, FAKE)).as("error for %s", text)
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
          assertThat(e.getMessage()).as("message").contains(fragment)
              .startsWith("haproxy.cfg:" + line + ": ");
        });
  }
}
