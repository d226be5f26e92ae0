package lbchaos.probe;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the name of the backend in an answer. The article's webservers answer
 * {@code <h1>This is coming from backend webserver-1</h1>}; other backends may use other names,
 * so the word after "backend " is the fallback.
 */
public final class Backends {

  private static final Pattern WEBSERVER = Pattern.compile("webserver-\\d+");
  private static final Pattern AFTER_BACKEND = Pattern.compile("backend\\s+([A-Za-z0-9._:-]+)");

  private Backends() {}

  public static Optional<String> find(String text) {
    Matcher m = WEBSERVER.matcher(text);
    if (m.find()) {
      return Optional.of(m.group());
    }
    m = AFTER_BACKEND.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
