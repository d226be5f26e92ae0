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
 * Declares the topology of a test class. One topology is started before the first test and
 * removed after the last, whatever happens; each test method receives it as a
 * {@link lbchaos.harness.scenario.Session} (or {@link lbchaos.harness.topology.Lab}) parameter.
 * After each test its faults are healed, the probe stopped, and the history of that test written
 * to {@code target/lbchaos-histories/<class>/history-<test>.json} (the folder is the system property
 * {@code lbchaos.histories}, when set).
 *
 * <pre>{@code
 * @LbChaos(stack = Stack.REFERENCE, lbs = 2, webservers = 2)
 * class FailoverIT {
 *   @Test
 *   void theBackupTakesOver(Session session) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LbChaosExtension.class)
public @interface LbChaos {

  Stack stack() default Stack.REFERENCE;

  int lbs() default 2;

  int webservers() default 2;

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
