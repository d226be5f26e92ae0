package lbchaos.vrrp.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's {@code include FILENAME}: which files a pattern names, as keepalived 2.2.7's
 * parser finds them (lib/parser.c): glob(3) with csh brace expansion ({@code {a,b/{c,d}}}), each
 * alternative's matches sorted, a relative pattern taken from the directory of the file that
 * includes it (keepalived changes into that directory while it reads the file).
 *
 * <p>{@code placed} says where the config will run: the harness reads a user's files from their
 * checkout and places the main one at {@code /etc/keepalived/keepalived.conf}, so an absolute
 * pattern under {@code /etc/keepalived/} is read from the main file's directory; one elsewhere
 * cannot be placed. The agent reads the files where they are ({@code placed} empty).
 */
final class Includes {

  /**
   * keepalived's include variants, each adding checks that turn a problem into an error
   * (keepalived.conf(5), "include_check"); plain {@code include} only logs.
   *
   * @param readable a directory or an executable among the matches is an error
   * @param match a file named without wildcards that does not exist is an error
   * @param wildcard a pattern with wildcards that matches nothing is an error
   * @param brace every brace alternative must match
   */
  record Checks(boolean readable, boolean match, boolean wildcard, boolean brace) {
    /** The checks of {@code include}, {@code includer}, ... or empty: not an include keyword. */
    static Optional<Checks> of(String keyword) {
      return Optional.ofNullable(switch (keyword) {
        case "include" -> new Checks(false, false, false, false);
        case "includer" -> new Checks(true, false, false, false);
        case "includem" -> new Checks(true, true, false, false);
        case "includew" -> new Checks(true, true, true, false);
        case "includeb" -> new Checks(true, false, false, true);
        case "includea" -> new Checks(true, true, true, true);
        default -> null;
      });
    }
  }

  /** What a pattern gave: the files to read in order, and what keepalived would report. */
  record Found(List<Path> files, List<String> errors, List<String> warnings) {}

  /** Where the main config runs, and the directory it is read from here. */
  record Placement(Path runsIn, Path readFrom) {}

  private final Optional<Placement> placed;
  private final List<Path> files = new ArrayList<>();

  Includes(Optional<Placement> placed) {
    this.placed = placed;
  }

  /** Every file read through an include so far, in reading order. */
  List<Path> files() {
    return files;
  }

  /** The files {@code pattern}, written in {@code includer}, names. */
  Found find(String pattern, Path includer, Checks checks) {
    List<Path> files = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> alternatives = braces(pattern);
    boolean wild = alternatives.stream().anyMatch(Includes::wild);
    int missing = 0;
    for (String alternative : alternatives) {
      if (alternative.indexOf('\0') >= 0) {
        errors.add(pattern + ": not a file name (a NUL character)");
        return new Found(List.of(), errors, warnings);
      }
      Path start;
      String rest;
      if (alternative.startsWith("/")) {
        Optional<Path> here = readFrom(Path.of(alternative));
        if (here.isEmpty()) {
          errors.add(alternative + ": the harness places your configs in "
              + placed.orElseThrow().runsIn() + "; include files from there or by a relative"
              + " path");
          continue;
        }
        start = here.get().getRoot();
        rest = here.get().toString().substring(start.toString().length());
      } else {
        Path dir = includer.toAbsolutePath().getParent();
        start = dir == null ? Path.of("/") : dir;
        rest = alternative;
      }
      List<Path> matched = match(start, rest);
      if (matched.isEmpty()) {
        missing++;
      }
      for (Path p : matched) {
        if (Files.isDirectory(p)) {
          (checks.readable() ? errors : warnings).add(p + ": a directory, skipped");
        } else if (!Files.isRegularFile(p) || Files.isExecutable(p) || !Files.isReadable(p)) {
          (checks.readable() ? errors : warnings).add(p + ": not a readable non-executable"
              + " file, skipped as keepalived does");
        } else {
          files.add(p);
        }
      }
    }
    if (missing == alternatives.size()) {
      boolean error = wild ? checks.wildcard() : alternatives.size() > 1 ? checks.brace()
          : checks.match();
      (error ? errors : warnings).add(pattern + (wild ? ": no file matches" : ": no such file")
          + (error ? "" : "; keepalived reads on without it"));
    } else if (missing > 0 && !wild) {
      (checks.brace() ? errors : warnings).add(pattern + ": some of its files are missing"
          + (checks.brace() ? "" : "; keepalived reads the others"));
    }
    return new Found(files, errors, warnings);
  }

  /** Where an absolute path the daemon reads is read from here, empty when it cannot be placed. */
  private Optional<Path> readFrom(Path absolute) {
    if (placed.isEmpty()) {
      return Optional.of(absolute);
    }
    Path normal = absolute.normalize();
    Placement p = placed.get();
    return normal.startsWith(p.runsIn())
        ? Optional.of(p.readFrom().resolve(p.runsIn().relativize(normal).toString()))
        : Optional.empty();
  }

  /** The paths under {@code dir} that the '/'-separated glob {@code rest} matches, sorted. */
  private static List<Path> match(Path dir, String rest) {
    List<Path> current = List.of(dir);
    for (String component : rest.split("/+")) {
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      List<Path> next = new ArrayList<>();
      for (Path d : current) {
        if (!wild(component)) {
          Path p = d.resolve(component);
          if (Files.exists(p)) {
            next.add(p);
          }
          continue;
        }
        if (!Files.isDirectory(d)) {
          continue;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + escapeForJava(component));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
          for (Path e : entries) {
            String name = e.getFileName().toString();
            // glob(3): a leading dot is only matched by a pattern that starts with one.
            if ((!name.startsWith(".") || component.startsWith(".")) && m.matches(e.getFileName())) {
              next.add(e);
            }
          }
        } catch (IOException e) {
          // An unreadable directory matches nothing, as glob(3) without GLOB_ERR.
        }
      }
      current = next;
    }
    return current.stream().filter(p -> !p.equals(dir)).map(Path::normalize)
        .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
  }

  private static boolean wild(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** Java's glob has groups and escapes of its own: keep them literal after brace expansion. */
  private static String escapeForJava(String component) {
    StringBuilder b = new StringBuilder();
    for (char c : component.toCharArray()) {
      if (c == '{' || c == '}' || c == ',' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * csh brace expansion as glob(3)'s GLOB_BRACE: {@code a{b,c{d,e}}f} is abf, acdf, acef, in
   * that order. An unbalanced brace is taken literally.
   */
  static List<String> braces(String pattern) {
    int open = pattern.indexOf('{');
    if (open < 0) {
      return List.of(pattern);
    }
    int depth = 0;
    List<Integer> commas = new ArrayList<>();
    int close = -1;
    for (int i = open; i < pattern.length() && close < 0; i++) {
      char c = pattern.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        close = i;
      } else if (c == ',' && depth == 1) {
        commas.add(i);
      }
    }
    if (close < 0) {
      return List.of(pattern);
    }
    String head = pattern.substring(0, open);
    String tail = pattern.substring(close + 1);
    List<String> out = new ArrayList<>();
    int from = open + 1;
    commas.add(close);
    for (int to : commas) {
      out.addAll(braces(head + pattern.substring(from, to) + tail));
      from = to + 1;
    }
    return out;
  }
}
