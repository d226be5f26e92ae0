package lbchaos.harness.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import lbchaos.harness.config.ConfigFiles;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.scenario.ScenarioBounds;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.topology.AddressPlan;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Stack;
import lbchaos.harness.topology.TopologyFromConfigs;
import lbchaos.harness.topology.WebserverImage;

/**
 * A team's own configs, read and checked before anything starts, with everything a run derives
 * from them: the topology (the VIP's subnet, a webserver at each haproxy server, the LBs'
 * addresses), the bounds every check judges by, and what the user should read first (parser
 * warnings, what the harness assumed or mapped). The one way from config files to a run: `lbchaos
 * run`, {@code @LbChaos}, {@code LbPair} and the Maven plugin all start here.
 *
 * @param keepalived one keepalived.conf per LB, in order
 * @param haproxy the haproxy.cfg every LB runs
 * @param scripts files the configs name (by file name), besides those next to the configs
 * @param addresses the topology the configs describe
 * @param bounds what the article's scenarios judge by, from the configs' timings
 * @param warnings the parsers' warnings, each "file:line: ..."
 * @param notes what the harness changed or assumed (an interface mapped, an instance not tested)
 * @param javaRefusals per LB, in order: the lines of its keepalived.conf and of the haproxy.cfg
 *     (which every LB runs) that the java agents do not implement (each "file:line: the java agent
 *     does not implement ..."); an LB that runs the java agents refuses to start with any
 */
public record UserConfigs(List<Path> keepalived, Path haproxy, List<Path> scripts,
    AddressPlan.Given addresses, ScenarioBounds bounds, List<String> warnings,
    List<String> notes, List<List<String>> javaRefusals) {

  public UserConfigs {
    keepalived = List.copyOf(keepalived);
    scripts = List.copyOf(scripts);
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
    javaRefusals = javaRefusals.stream().map(List::copyOf).toList();
  }

  /**
   * Reads, parses and places the files.
   *
   * @throws BadConfig naming file:line for anything that cannot be run: a malformed file (every
   *     error of every file, one per line), a server off the VIP's network, a script that is
   *     missing, one keepalived.conf too few
   */
  public static UserConfigs load(List<Path> keepalived, Path haproxy, List<Path> scripts) {
    if (keepalived.isEmpty() || haproxy == null) {
      throw new BadConfig("your configs need one keepalived.conf per LB and a haproxy.cfg (got "
          + keepalived.size() + " keepalived.conf and " + (haproxy == null ? "no" : "a")
          + " haproxy.cfg)", null);
    }
    for (Path s : scripts) {
      if (!Files.isRegularFile(s)) {
        throw new BadConfig(s + ":0: script: no such file", null);
      }
    }
    List<String> warnings = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    List<ConfigFiles.Kind> kinds = new ArrayList<>();
    List<Path> files = new ArrayList<>(keepalived);
    keepalived.forEach(f -> kinds.add(ConfigFiles.Kind.KEEPALIVED));
    files.add(haproxy);
    kinds.add(ConfigFiles.Kind.HAPROXY);
    for (int i = 0; i < files.size(); i++) {
      try {
        warnings.addAll(ConfigFiles.check(files.get(i), kinds.get(i)));
      } catch (BadConfig e) {
        bad.add(e.getMessage()); // and on to the next file: every error in one pass
      }
    }
    if (!bad.isEmpty()) {
      throw new BadConfig(String.join("\n", bad), null);
    }
    var topo = TopologyFromConfigs.derive(keepalived, haproxy, scripts);
    List<String> proxy = topo.haproxy().javaRefusals().stream().map(Object::toString).toList();
    List<List<String>> refusals = topo.keepalived().stream()
        .map(c -> Stream.concat(c.javaRefusals().stream().map(Object::toString), proxy.stream())
            .toList()).toList();
    return new UserConfigs(keepalived, haproxy, scripts, topo.addresses(),
        ScenarioBounds.from(topo.keepalived(), topo.haproxy()), warnings, topo.notes(),
        refusals);
  }

  /**
   * The lines {@code stack} refuses: those of the configs of the LBs that run the java agents on
   * it (every LB on java, all but the first on mixed, none on reference), each once (the LBs
   * share the haproxy.cfg).
   */
  public List<String> refusals(Stack stack) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < javaRefusals.size(); i++) {
      if (stack.javaOn(i)) {
        out.addAll(javaRefusals.get(i));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The topology to start on {@code stack}, the harness's webservers behind the proxies.
   *
   * @throws BadConfig listing every line the java agent would have to run and does not
   *     implement, when {@code stack} runs it ({@link #refusals}): refuse, don't drift
   */
  public LabSpec spec(Stack stack) {
    List<String> refused = refusals(stack);
    if (!refused.isEmpty()) {
      throw new BadConfig(String.join("\n", refused), null);
    }
    return new LabSpec(stack, addresses.lbs().size(), addresses.webservers().size(),
        LbSettings.ARTICLE, keepalived, haproxy, scripts, false);
  }

  /**
   * The scenarios to run on these configs: those named, in order, or by default the article's
   * three that {@code image} allows (all of them on the harness's webserver).
   *
   * @param image a team's webserver image, or null
   * @throws IllegalArgumentException naming an unknown scenario, or one that cannot run here and
   *     why ({@link ScenarioRegistry.Entry#refusal})
   */
  public List<ScenarioRegistry.Entry> scenarios(List<String> names, WebserverImage image) {
    LabSpec base = spec(Stack.REFERENCE).withWebserverImage(image);
    if (names.isEmpty()) {
      return ScenarioRegistry.tagged(ScenarioRegistry.ARTICLE).stream()
          .filter(e -> e.refusal(base).isEmpty()).toList();
    }
    List<ScenarioRegistry.Entry> chosen = ScenarioRegistry.select(names);
    List<String> refused = chosen.stream().flatMap(e -> e.refusal(base).stream()).toList();
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", refused));
    }
    return chosen;
  }

  /** The lines a run prints before it starts: the topology and the bound everything waits on. */
  public List<String> summary(Stack stack) {
    AddressPlan.Given a = addresses;
    return List.of(String.format(Locale.ROOT,
            "lbchaos run: %d LBs %s sharing VIP %s/%d, %d webservers %s, %s stack",
            a.lbs().size(), a.lbs(), a.vip(), a.prefixLength(), a.webservers().size(),
            a.webservers(), stack.label()),
        "  bounds from your configs: master down " + bounds.masterDown().describe());
  }
}
