package lbchaos.harness.testcontainers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lbchaos.harness.project.ProjectDir;
import lbchaos.harness.project.UserConfigs;
import lbchaos.harness.scenario.ProbeSpec;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.Scenario;
import lbchaos.harness.scenario.ScenarioRegistry;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.topology.Stack;
import lbchaos.harness.topology.WebserverImage;
import lbchaos.verdict.Verdict;
import org.testcontainers.lifecycle.Startable;

/**
 * Your load-balancer pair as a Testcontainers {@link Startable}: the topology your own
 * keepalived.conf files and haproxy.cfg describe, built and bounded as {@code lbchaos run} does
 * ({@link UserConfigs}), for a {@code @Container} field of a {@code @Testcontainers} class or a
 * try-with-resources block. Configure it before it starts; each {@code with...} returns a new,
 * unstarted pair, so keep the one it returns:
 *
 * <pre>{@code
 * @Testcontainers
 * class FailoverIT {
 *   @Container
 *   static final LbPair LB = LbPair.fromConfigs(List.of("lb/lb1.conf", "lb/lb2.conf"),
 *       "lb/haproxy.cfg").withStack(Stack.JAVA);
 *
 *   @Test
 *   void theBackupTakesOver() {
 *     assertThat(LB.run("master-down")).allMatch(Verdict::passed);
 *   }
 * }
 * }</pre>
 *
 * <p>The started pair gives the {@link Session} (probe, faults, history, judge) for scenarios of
 * your own. Nothing is started, and no config read, before {@link #start()}; a bad file is a
 * {@link lbchaos.harness.config.ConfigFiles.BadConfig} naming file:line from there.
 */
public final class LbPair implements Startable {

  private final List<Path> keepalived;
  private final Path haproxy;
  private final List<Path> scripts;
  private final Stack stack;
  private final WebserverImage webserverImage;
  private volatile UserConfigs configs;
  private volatile Session session;

  private LbPair(List<Path> keepalived, Path haproxy, List<Path> scripts, Stack stack,
      WebserverImage webserverImage) {
    this.keepalived = List.copyOf(keepalived);
    this.haproxy = haproxy;
    this.scripts = List.copyOf(scripts);
    this.stack = stack;
    this.webserverImage = webserverImage;
  }

  /**
   * Your configs, relative to the project's directory ({@link ProjectDir}): one keepalived.conf
   * per LB, in order, and the haproxy.cfg they all run. On the reference stack (keepalived and
   * haproxy) with the harness's webservers unless told otherwise.
   */
  public static LbPair fromConfigs(List<String> keepalived, String haproxy) {
    return fromConfigPaths(keepalived.stream().map(ProjectDir::resolve).toList(),
        ProjectDir.resolve(haproxy));
  }

  /** As {@link #fromConfigs(List, String)}, with paths. */
  public static LbPair fromConfigPaths(List<Path> keepalived, Path haproxy) {
    if (keepalived.isEmpty() || haproxy == null) {
      throw new IllegalArgumentException("an LB pair needs one keepalived.conf per LB and a"
          + " haproxy.cfg");
    }
    return new LbPair(keepalived, haproxy, List.of(), Stack.REFERENCE, null);
  }

  /** The LBs run this stack: reference (keepalived + haproxy), java (our agents) or mixed. */
  public LbPair withStack(Stack s) {
    return new LbPair(keepalived, haproxy, scripts, s, webserverImage);
  }

  /**
   * A script your keepalived.conf names (matched by file name), relative to the project's
   * directory; one next to the config naming it is found without this.
   */
  public LbPair withScript(String path) {
    List<Path> more = new ArrayList<>(scripts);
    more.add(ProjectDir.resolve(path));
    return new LbPair(keepalived, haproxy, more, stack, webserverImage);
  }

  /**
   * Your local image as the webservers (see {@link WebserverImage} for what it must do): its
   * answers do not name it, so only scenarios that need not tell webservers apart run.
   */
  public LbPair withWebserverImage(String image) {
    return withWebserverImage(WebserverImage.of(image));
  }

  /** Your local image as the webservers, declared as naming itself or not. */
  public LbPair withWebserverImage(WebserverImage image) {
    return new LbPair(keepalived, haproxy, scripts, stack, image);
  }

  /** Reads your configs (file:line on anything wrong), then starts the topology; once. */
  @Override
  public synchronized void start() {
    if (session != null) {
      return;
    }
    UserConfigs c = UserConfigs.load(keepalived, haproxy, scripts);
    c.warnings().forEach(w -> System.out.println("warning: " + w));
    c.summary(stack).forEach(System.out::println);
    session = Session.start(c.spec(stack).withWebserverImage(webserverImage), System.out,
        ProbeWatcher.NONE);
    configs = c;
  }

  /** Removes every container and the network; heals first. */
  @Override
  public synchronized void stop() {
    Session s = session;
    session = null;
    if (s != null) {
      s.close();
    }
  }

  /** The running topology: probe, faults ({@code nemesis()}), history and judge. */
  public Session session() {
    Session s = session;
    if (s == null) {
      throw new IllegalStateException("the LB pair is not started: start() it, or let"
          + " @Testcontainers start its @Container field");
    }
    return s;
  }

  /** Your configs as read at start: the derived topology, bounds, warnings and notes. */
  public UserConfigs configs() {
    session();
    return configs;
  }

  /**
   * A scenario by name ({@code lbchaos scenarios} lists them) with the bounds from your
   * configs, to run on {@link #session()}.
   *
   * @throws IllegalArgumentException for an unknown scenario or one that cannot run on your
   *     configs or webserver image
   */
  public Scenario scenario(String name) {
    UserConfigs c = configs();
    ScenarioRegistry.Entry e = c.scenarios(List.of(name), webserverImage).getFirst();
    return e.create(e.bounds(c.bounds()), ProbeSpec.DEFAULT);
  }

  /**
   * Runs a scenario on the running pair and returns its verdicts (kept in the session's judged
   * checks). Faults it injects are healed before it returns. Unlike {@code LbChaosTests}, the
   * scenarios share this one topology, so each begins where the last left off.
   */
  public List<Verdict> run(String name) {
    Session s = session();
    Scenario sc = scenario(name);
    try {
      return s.judge(sc.run(s));
    } finally {
      s.stopProbe();
      s.nemesis().close();
    }
  }

  public Stack stack() {
    return stack;
  }

  public WebserverImage webserverImage() {
    return webserverImage;
  }

  public List<Path> keepalived() {
    return keepalived;
  }

  public Path haproxy() {
    return haproxy;
  }

  public List<Path> scripts() {
    return scripts;
  }
}
