package lbchaos.harness.junit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import lbchaos.harness.config.LbSettings;
import lbchaos.harness.project.ProjectDir;
import lbchaos.harness.project.UserConfigs;
import lbchaos.harness.scenario.ScenarioBounds;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.WebserverImage;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What a test class's {@link LbChaos} declares, read once: the topology to start and the bounds
 * the article's scenarios judge by, from the user's configs when it names them.
 *
 * @param configs the user's configs, or null for the article's topology
 */
record Declared(LbChaos annotation, UserConfigs configs, LabSpec spec, ScenarioBounds bounds) {

  static Declared of(Class<?> test) {
    LbChaos a = test.getAnnotation(LbChaos.class);
    if (a == null) {
      throw new ExtensionConfigurationException(test.getName() + " uses LbChaosExtension"
          + " without @LbChaos");
    }
    if (!a.spec().isEmpty()) {
      LabSpec spec = LbChaosExtension.member(test, a.spec(), LabSpec.class);
      UserConfigs configs = spec.userKeepalived().isEmpty() ? null
          : UserConfigs.load(spec.userKeepalived(), spec.userHaproxy(), spec.scripts());
      return new Declared(a, configs, spec, configs != null ? configs.bounds()
          : ScenarioBounds.of(spec.settings()));
    }
    WebserverImage image = a.webserverImage().isEmpty() ? null
        : new WebserverImage(a.webserverImage(), a.webserverNamesItself());
    if (a.keepalived().length > 0 || !a.haproxy().isEmpty() || a.scripts().length > 0) {
      if (a.keepalived().length == 0 || a.haproxy().isEmpty()) {
        throw new ExtensionConfigurationException("@LbChaos on " + test.getName() + " names"
            + " your configs: it needs keepalived = {...} (one file per LB) and haproxy = \"...\"");
      }
      if (!a.settings().isEmpty()) {
        throw new ExtensionConfigurationException("@LbChaos on " + test.getName() + ": settings"
            + " renders the harness's configs, and keepalived/haproxy name yours: one or the other");
      }
      // Bad files are reported as file:line (ConfigFiles.BadConfig) before anything starts.
      UserConfigs configs = UserConfigs.load(paths(a.keepalived()), ProjectDir.resolve(a.haproxy()),
          paths(a.scripts()));
      return new Declared(a, configs, configs.spec(a.stack()).withWebserverImage(image),
          configs.bounds());
    }
    LbSettings settings = a.settings().isEmpty() ? LbSettings.ARTICLE
        : LbChaosExtension.member(test, a.settings(), LbSettings.class);
    LabSpec spec = LabSpec.article(a.stack()).withCounts(a.lbs(), a.webservers())
        .withSettings(settings).withWebserverImage(image);
    return new Declared(a, null, spec, ScenarioBounds.of(settings));
  }

  private static List<Path> paths(String[] names) {
    return Arrays.stream(names).map(ProjectDir::resolve).toList();
  }
}
