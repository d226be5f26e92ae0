package lbchaos.proxy.net;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lbchaos.proxy.config.ErrorFile;
import lbchaos.proxy.config.ErrorMessage;

/**
 * Where a request's error answers come from, as haproxy 2.6 picks them (http_ana.c
 * http_error_message): the errorfile for the status of the backend the request is in, else its
 * frontend's, else haproxy's own page. Until a backend is chosen (the frontend's rules, a
 * request no backend takes) the frontend is the only one: 2.6.12 answered a frontend's deny with
 * its own page although the default backend had an errorfile 403.
 */
record ErrorPages(Map<Integer, ErrorMessage> backend, Map<Integer, ErrorMessage> frontend) {

  /** No errorfile: haproxy's pages. */
  static final ErrorPages BUILT_IN = new ErrorPages(Map.of(), Map.of());

  ErrorPages {
    backend = Map.copyOf(backend);
    frontend = Map.copyOf(frontend);
  }

  /** The errorfile's answer for {@code status}, if one replaces haproxy's page. */
  Optional<ErrorMessage> file(int status) {
    ErrorMessage m = backend.get(status);
    return Optional.ofNullable(m != null ? m : frontend.get(status));
  }

  /** The pages before a backend is chosen. */
  ErrorPages front() {
    return backend.isEmpty() ? this : new ErrorPages(Map.of(), frontend);
  }

  /** A section's errorfiles, by status, their answers taken from {@code read} (by key). */
  static Map<Integer, ErrorMessage> of(Map<Integer, ErrorFile> files,
      Map<String, ErrorMessage> read) {
    Map<Integer, ErrorMessage> out = new TreeMap<>();
    files.forEach((status, f) -> out.put(status, read.get(f.key())));
    return out;
  }
}
