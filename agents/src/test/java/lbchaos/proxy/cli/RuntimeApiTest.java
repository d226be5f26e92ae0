package lbchaos.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.proxy.balance.AdminState;
import lbchaos.proxy.config.StatsSocket.Level;
import org.junit.jupiter.api.Test;

/** Command parsing and haproxy's answers, against a fake proxy with backend be: web1, web2. */
class RuntimeApiTest {

  final Map<String, AdminState> states = new HashMap<>();
  final Map<String, Integer> weights = new HashMap<>(Map.of("web1", 2, "web2", 1));
  boolean staticBalance;

  final RuntimeApi.Target target = new RuntimeApi.Target() {
    @Override
    public boolean hasBackend(String b) {
      return b.equals("be");
    }

    @Override
    public boolean hasServer(String b, String s) {
      return hasBackend(b) && weights.containsKey(s);
    }

    @Override
    public boolean staticBalance(String b) {
      return staticBalance;
    }

    @Override
    public int initialWeight(String b, String s) {
      return s.equals("web1") ? 2 : 1;
    }

    @Override
    public int weight(String b, String s) {
      return weights.get(s);
    }

    @Override
    public void setState(String b, String s, AdminState st) {
      states.put(s, st);
    }

    @Override
    public void setWeight(String b, String s, int w) {
      weights.put(s, w);
    }

    @Override
    public String showStat() {
      return "# pxname,svname,\n";
    }

    @Override
    public String showInfo() {
      return "Name: x\n";
    }

    @Override
    public String serversState(Optional<String> backend) {
      return "3 be 1 web1\n";
    }
  };

  String run(Level level, String line) {
    return new RuntimeApi(target, level).run(line, false).text();
  }

  @Test
  void stateCommandsAnswerAnEmptyLineAndChangeTheServer() {
    assertThat(run(Level.ADMIN, "set server be/web1 state drain")).isEqualTo("\n");
    assertThat(states).containsEntry("web1", AdminState.DRAIN);
    assertThat(run(Level.ADMIN, "disable server be/web2")).isEqualTo("\n");
    assertThat(states).containsEntry("web2", AdminState.MAINT);
    assertThat(run(Level.ADMIN, "enable server be/web2;set server be/web1 state ready"))
        .as("two commands separated by ';', each followed by its prompt").isEqualTo("\n\n");
    assertThat(states).containsEntry("web1", AdminState.READY)
        .containsEntry("web2", AdminState.READY);
  }

  @Test
  void errorsInHaproxysWords() {
    assertThat(run(Level.ADMIN, "set server be/nope state drain")).isEqualTo("No such server.\n\n");
    assertThat(run(Level.ADMIN, "set server xx/web1 state drain"))
        .isEqualTo("No such backend.\n\n");
    assertThat(run(Level.ADMIN, "set server web1 state drain"))
        .isEqualTo("Require 'backend/server'.\n\n");
    assertThat(run(Level.ADMIN, "set server be/web1 state up")).isEqualTo(
        "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n");
    assertThat(run(Level.ADMIN, "set server be/web1 colour red"))
        .startsWith("usage: set server <backend>/<server> addr |");
    assertThat(states).isEmpty();
  }

  @Test
  void changesNeedTheAdminLevelAndShowsDoNot() {
    assertThat(run(Level.OPERATOR, "set server be/web1 state drain"))
        .isEqualTo("Permission denied\n\n");
    assertThat(run(Level.USER, "disable server be/web1")).isEqualTo("Permission denied\n\n");
    assertThat(states).isEmpty();
    assertThat(run(Level.USER, "show info")).isEqualTo("Name: x\n\n");
    assertThat(run(Level.USER, "show stat")).isEqualTo("# pxname,svname,\n\n");
    assertThat(run(Level.USER, "get weight be/web1")).isEqualTo("2 (initial 2)\n\n");
  }

  @Test
  void serversStateHasTheVersionOneHeader() {
    String a = run(Level.USER, "show servers state");
    assertThat(a.lines().toList()).hasSize(4);
    assertThat(a).startsWith("1\n# be_id be_name srv_id srv_name srv_addr srv_op_state ")
        .endsWith("srv_agent_port\n3 be 1 web1\n\n");
    assertThat(run(Level.USER, "show servers state nope")).isEqualTo("Can't find backend.\n\n");
  }

  @Test
  void weightsAbsoluteRelativeAndRefused() {
    assertThat(run(Level.ADMIN, "set server be/web1 weight 0")).isEqualTo("\n");
    assertThat(weights).containsEntry("web1", 0);
    assertThat(run(Level.ADMIN, "set server be/web1 weight 50%")).isEqualTo("\n");
    assertThat(weights).as("50% of the initial 2").containsEntry("web1", 1);
    assertThat(run(Level.ADMIN, "set server be/web1 weight 257"))
        .isEqualTo("Absolute weight can only be between 0 and 256 inclusive.\n\n");
    assertThat(run(Level.ADMIN, "set server be/web1 weight"))
        .isEqualTo("Require <weight> or <weight%>.\n\n");
    assertThat(run(Level.ADMIN, "set server be/web1 weight 3x"))
        .isEqualTo("Trailing garbage in weight string\n");
    staticBalance = true;
    assertThat(run(Level.ADMIN, "set server be/web1 weight 5")).isEqualTo("Backend is using a"
        + " static LB algorithm and only accepts weights '0%' and '100%'.\n\n");
    assertThat(run(Level.ADMIN, "set server be/web1 weight 100%")).isEqualTo("\n");
    assertThat(weights).containsEntry("web1", 2);
  }

  @Test
  void unknownCommandsGetHaproxysHelpShape() {
    String a = run(Level.ADMIN, "frobnicate");
    assertThat(a).as("any word: haproxy's 'but maybe' (seen on haproxy 2.6)").startsWith(
        "Unknown command, but maybe one of the following ones is a better match:\n"
        + "  disable server (DEPRECATED)").contains("\n  quit  ");
    assertThat(RuntimeApi.usage(List.of())).startsWith("Unknown command. Please enter one of"
        + " the following commands only:\n");
    assertThat(run(Level.ADMIN, "show foo")).startsWith("Unknown command, but maybe one of the"
        + " following ones is a better match:\n  show info ").doesNotContain("set server");
  }

  @Test
  void promptKeepsTheConnectionAndQuitEndsIt() {
    RuntimeApi api = new RuntimeApi(target, Level.ADMIN);
    RuntimeApi.Answer p = api.run("prompt", false);
    assertThat(p.interactive()).isTrue();
    assertThat(p.text()).isEqualTo("\n> ");
    RuntimeApi.Answer i = api.run("get weight be/web2", true);
    assertThat(i.text()).isEqualTo("1 (initial 1)\n\n> ");
    assertThat(api.run("quit", true).quit()).isTrue();
    assertThat(RuntimeApi.words("  set   server\tbe/web1 ")).isEqualTo(
        List.of("set", "server", "be/web1"));
  }
}
