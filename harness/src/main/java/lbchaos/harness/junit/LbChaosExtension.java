package lbchaos.harness.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of {@link LbChaos}: one {@link Session} per test class, started in beforeAll
 * and closed in afterAll (which JUnit runs after a failed test or a failed beforeAll too); after
 * each test, heals and the test's history.
 */
public final class LbChaosExtension implements BeforeAllCallback, AfterAllCallback,
    BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(LbChaosExtension.class);
  private static final String SESSION = "session";

  /** Where per-test histories go unless -Dlbchaos.histories says otherwise. */
  public static final Path DEFAULT_HISTORIES = Path.of("target", "lbchaos-histories");

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> test = context.getRequiredTestClass();
    LabSpec spec = spec(test);
    context.getStore(NS).put(SESSION, Session.start(spec, System.out, ProbeWatcher.NONE));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Session s = context.getStore(NS).remove(SESSION, Session.class);
    if (s != null) {
      s.close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    session(context).nextTest();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Session s = session(context);
    try {
      s.stopProbe();
    } finally {
      // Heal before the next test, and before the evidence is taken, so the heals are in it.
      s.nemesis().close();
      write(s.evidence(context.getDisplayName(), context.getRequiredTestClass().getName(),
          s.judged()), historyFile(context));
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> t = p.getParameter().getType();
    return t == Session.class || t == Lab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    Session s = session(e);
    return p.getParameter().getType() == Lab.class ? s.lab() : s;
  }

  /**
   * Where the evidence of the current test (history, the checks it judged, topology, configs) is
   * written, as {@code history-<test>.json} so that {@code lbchaos check DIR} finds it.
   */
  public static Path historyFile(ExtensionContext context) {
    Path dir = Path.of(System.getProperty("lbchaos.histories", DEFAULT_HISTORIES.toString()));
    String method = context.getTestMethod().map(Method::getName).orElse("class");
    String shown = context.getDisplayName();
    // A parameterized or renamed test adds its display name, so each invocation keeps its own.
    String test = shown.startsWith(method + "(") ? method
        : method + "_" + shown.replaceAll("[^A-Za-z0-9._-]+", "_");
    return dir.resolve(context.getRequiredTestClass().getName()).resolve("history-" + test
        + ".json");
  }

  private static Session session(ExtensionContext context) {
    Session s = context.getStore(NS).get(SESSION, Session.class);
    if (s == null) {
      throw new ParameterResolutionException("no lbchaos session: is the class annotated"
          + " @LbChaos, and did its topology start?");
    }
    return s;
  }

  private static void write(Evidence evidence, Path file) {
    try {
      Files.createDirectories(file.getParent());
      EvidenceJson.write(evidence, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the history to " + file, e);
    }
  }

  static LabSpec spec(Class<?> test) {
    LbChaos a = test.getAnnotation(LbChaos.class);
    if (a == null) {
      throw new ExtensionConfigurationException(test.getName() + " uses LbChaosExtension"
          + " without @LbChaos");
    }
    if (!a.spec().isEmpty()) {
      return member(test, a.spec(), LabSpec.class);
    }
    LbSettings settings = a.settings().isEmpty() ? LbSettings.ARTICLE
        : member(test, a.settings(), LbSettings.class);
    return LabSpec.article(a.stack()).withCounts(a.lbs(), a.webservers()).withSettings(settings);
  }

  /** A static field or no-argument static method of {@code test} named {@code name}. */
  static <T> T member(Class<?> test, String name, Class<T> type) {
    try {
      for (Class<?> c = test; c != null; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (f.getName().equals(name) && Modifier.isStatic(f.getModifiers())
              && type.isAssignableFrom(f.getType())) {
            f.setAccessible(true);
            return type.cast(f.get(null));
          }
        }
        for (Method m : c.getDeclaredMethods()) {
          if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())
              && m.getParameterCount() == 0 && type.isAssignableFrom(m.getReturnType())) {
            m.setAccessible(true);
            return type.cast(m.invoke(null));
          }
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new ExtensionConfigurationException("cannot read " + test.getSimpleName() + "."
          + name + ": " + e, e);
    }
    throw new ExtensionConfigurationException(test.getName() + " has no static field or"
        + " no-argument static method '" + name + "' of type " + type.getSimpleName());
  }
}
