package lbchaos.proxy.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An "http-errors NAME" section (haproxy 2.6 http_htx.c cfg_parse_http_errors): errorfile lines
 * that proxies take with "errorfiles NAME [STATUS...]".
 *
 * @param files by status, a later line for a status replacing one before
 */
record HttpErrors(String name, int line, Map<Integer, ErrorFile> files) {

  HttpErrors {
    Objects.requireNonNull(name, "name");
    files = Map.copyOf(files);
  }

  /**
   * An "errorfiles NAME [STATUS...]" line of a proxy: the section's files for those statuses
   * (none named: all of them), in the order of the proxy's errorfile lines.
   */
  record Use(String name, List<Integer> statuses, int line) implements ErrorLine {

    Use {
      Objects.requireNonNull(name, "name");
      statuses = List.copyOf(statuses);
    }

    /** The line's words after "errorfiles"; statuses as {@link ErrorFile#status} reads them. */
    static Use parse(List<String> args, int line) {
      if (args.isEmpty() || args.getFirst().isEmpty()) {
        throw new IllegalArgumentException("errorfiles : expects <name> as argument.");
      }
      List<Integer> statuses = new java.util.ArrayList<>();
      for (String a : args.subList(1, args.size())) {
        statuses.add(ErrorFile.status("errorfiles", a));
      }
      return new Use(args.getFirst(), statuses, line);
    }
  }
}
