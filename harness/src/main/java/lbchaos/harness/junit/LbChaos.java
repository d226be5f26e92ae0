package lbchaos.harness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares the topology of a test class: your own configs ({@code keepalived}, {@code haproxy},
 * {@code scripts}), or the article's topology with the harness's configs.
 *
 * <p>Your configs: the paths are relative to the project's directory (see
 * {@link lbchaos.harness.project.ProjectDir}). The topology and every bound come from them
 * exactly as {@code lbchaos run --keepalived ... --haproxy ...} derives them
 * ({@link lbchaos.harness.project.UserConfigs}); {@code lbs} and {@code webservers} are then
 * the configs' own (one LB per keepalived.conf, a webserver per haproxy server).
 *
 * <p>Two ways to test. A {@code @TestFactory} method taking {@link LbChaosTests} returns one
 * dynamic test per scenario and stack, each on a fresh topology, failing with every verdict
 * that did not pass. A {@code @Test} method taking a {@link lbchaos.harness.scenario.Session}
 * (or {@link lbchaos.harness.topology.Lab}) gets the class's topology, started when the first
 * such parameter is asked for and removed after the last test, whatever happens. After each
 * test its faults are healed, the probe stopped, and the history of that test written to
 * {@code target/lbchaos-histories/<class>/history-<test>.json} (the folder is the system
 * property {@code lbchaos.histories}, when set).
 *
 * <pre>{@code
 * @LbChaos(keepalived = {"lb/lb1.conf", "lb/lb2.conf"}, haproxy = "lb/haproxy.cfg")
 * class LoadBalancerIT {
 *   @TestFactory
 *   Stream<DynamicTest> failover(LbChaosTests lbchaos) {
 *     return lbchaos.scenarios("round-robin", "master-down");
 *   }
 *
 *   @Test
 *   void myOwnScenario(Session session) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LbChaosExtension.class)
public @interface LbChaos {

  /** The stack of the class's topology, and of {@link LbChaosTests} unless it names stacks. */
  Stack stack() default Stack.REFERENCE;

  /** With the article's topology only: how many LBs. */
  int lbs() default 2;

  /** With the article's topology only: how many webservers. */
  int webservers() default 2;

  /**
   * Your keepalived.conf files, one per LB in order, relative to the project's directory; with
   * {@link #haproxy()}. Empty: the article's topology with the harness's configs.
   */
  String[] keepalived() default {};

  /** Your haproxy.cfg, relative to the project's directory; with {@link #keepalived()}. */
  String haproxy() default "";

  /**
   * Files the configs name (matched by file name): keepalived's scripts, haproxy's errorfile
   * pages, ACL pattern files and crt certificates, relative to the project's directory; one
   * beside the config naming it is found without this.
   */
  String[] scripts() default {};

  /**
   * A local image of yours to run as the webservers instead of the harness's (never pulled).
   * It must answer {@code GET /} with a 2xx status on the port your haproxy.cfg's servers name;
   * see {@link lbchaos.harness.topology.WebserverImage} for what it gets and which scenarios it
   * runs.
   */
  String webserverImage() default "";

  /**
   * Whether {@link #webserverImage()}'s page contains {@code backend NAME}, NAME from the
   * {@code LBCHAOS_WEBSERVER} variable (or the hostname): then every scenario can tell the
   * webservers apart; otherwise only those that need not (master-down) run.
   */
  boolean webserverNamesItself() default false;

  /**
   * Name of a static field or no-argument static method of the test class giving the
   * {@link lbchaos.harness.config.LbSettings} the configs are rendered with; empty for the
   * article's.
   */
  String settings() default "";

  /**
   * Name of a static field or no-argument static method of the test class giving the whole
   * {@link lbchaos.harness.topology.LabSpec} (user configs, outsider...); when set it wins over
   * the other attributes.
   */
  String spec() default "";
}
