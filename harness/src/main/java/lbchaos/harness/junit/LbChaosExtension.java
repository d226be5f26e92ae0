package lbchaos.harness.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.scenario.ProbeWatcher;
import lbchaos.harness.scenario.Session;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of {@link LbChaos}: the class's declaration read once; one {@link Session}
 * per test class, started when a test first asks for it (a class of dynamic scenario tests
 * only, {@link LbChaosTests}, never starts one it does not use) and closed in afterAll (which
 * JUnit runs after a failed test too); after each test, heals and the test's history.
 */
public final class LbChaosExtension implements AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver,
    org.junit.jupiter.api.extension.TestExecutionExceptionHandler {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(LbChaosExtension.class);
  private static final String SESSION = "session";
  private static final String START_FAILED = "start-failed";
  private static final String DECLARED = "declared";

  /** Where per-test histories go unless -Dlbchaos.histories says otherwise. */
  public static final Path DEFAULT_HISTORIES = Path.of("target", "lbchaos-histories");

  @Override
  public void afterAll(ExtensionContext context) {
    Session s = context.getStore(NS).remove(SESSION, Session.class);
    if (s != null) {
      s.close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Session s = started(context);
    if (s != null) {
      s.nextTest();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Session s = started(context);
    if (s == null) {
      return;
    }
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
    return t == Session.class || t == Lab.class || t == LbChaosTests.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    Class<?> t = p.getParameter().getType();
    if (t == LbChaosTests.class) {
      return new LbChaosTests(e.getRequiredTestClass(), declared(e), System.out);
    }
    Session s = session(e);
    return t == Lab.class ? s.lab() : s;
  }

  /** The histories' folder: -Dlbchaos.histories, else target/lbchaos-histories. */
  static Path histories() {
    return Path.of(System.getProperty("lbchaos.histories", DEFAULT_HISTORIES.toString()));
  }

  /**
   * Where the evidence of the current test (history, the checks it judged, topology, configs) is
   * written, as {@code history-<test>.json} so that {@code lbchaos check DIR} finds it.
   */
  public static Path historyFile(ExtensionContext context) {
    String method = context.getTestMethod().map(Method::getName).orElse("class");
    String shown = context.getDisplayName();
    // A parameterized or renamed test adds its display name, so each invocation keeps its own.
    String test = shown.startsWith(method + "(") ? method
        : method + "_" + shown.replaceAll("[^A-Za-z0-9._-]+", "_");
    return histories().resolve(context.getRequiredTestClass().getName()).resolve("history-"
        + test + ".json");
  }

  /** The store of the test class, which outlives each test method. */
  private static ExtensionContext.Store classStore(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c.getStore(NS);
  }

  private static Declared declared(ExtensionContext context) {
    return classStore(context).getOrComputeIfAbsent(DECLARED,
        k -> Declared.of(context.getRequiredTestClass()), Declared.class);
  }

  private static Session started(ExtensionContext context) {
    return classStore(context).get(SESSION, Session.class);
  }

  /** The class's session, started now if no test has asked before; a failed start is kept. */
  private static synchronized Session session(ExtensionContext context) {
    ExtensionContext.Store store = classStore(context);
    Session s = store.get(SESSION, Session.class);
    if (s != null) {
      return s;
    }
    RuntimeException failed = store.get(START_FAILED, RuntimeException.class);
    if (failed != null) {
      throw new ParameterResolutionException("the lbchaos topology of this class did not start"
          + " (see the first test that asked for it): " + failed.getMessage(), failed);
    }
    try {
      s = Session.start(declared(context).spec(), System.out, ProbeWatcher.NONE);
    } catch (RuntimeException e) {
      store.put(START_FAILED, e);
      throw e;
    }
    // Started inside a test: this is that test's start (it keeps the start-up in its history;
    // the next test's beforeEach scopes the history from there).
    s.nextTest();
    store.put(SESSION, s);
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

  /** The topology {@code test}'s {@link LbChaos} declares (nothing is started). */
  static LabSpec spec(Class<?> test) {
    return Declared.of(test).spec();
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

  /**
   * A fault this engine's host cannot inject (a kernel without netem) aborts the test with the
   * reason: skipped, as verify lists it, not failed, since the configs are not at fault.
   */
  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    if (thrown instanceof lbchaos.harness.fault.NotRunnable) {
      throw new org.opentest4j.TestAbortedException("not runnable: " + thrown.getMessage(),
          thrown);
    }
    throw thrown;
  }
}
