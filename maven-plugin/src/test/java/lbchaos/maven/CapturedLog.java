package lbchaos.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** Maven's log as lines "LEVEL text", for assertions. */
final class CapturedLog extends SystemStreamLog {
  final List<String> lines = new ArrayList<>();

  @Override
  public void info(CharSequence s) {
    lines.add("INFO " + s);
  }

  @Override
  public void warn(CharSequence s) {
    lines.add("WARN " + s);
  }

  @Override
  public void error(CharSequence s) {
    lines.add("ERROR " + s);
  }
}
