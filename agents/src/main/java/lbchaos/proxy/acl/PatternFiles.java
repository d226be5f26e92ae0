package lbchaos.proxy.acl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an ACL's pattern files ({@code -f FILE}) are read. haproxy reads them as it parses the
 * configuration, where it runs, and so does the agent ({@link #SYSTEM}); a harness reading a
 * config for containers it has not started has not got them there yet ({@link #UNREAD}).
 */
@FunctionalInterface
public interface PatternFiles {

  /** The file's text, bytes as characters (ISO-8859-1); IOException when it cannot be read. */
  String read(String path) throws IOException;

  /** This machine's files: a relative path from the working directory, as haproxy opens it. */
  PatternFiles SYSTEM = path -> new String(Files.readAllBytes(Path.of(path)),
      StandardCharsets.ISO_8859_1);

  /** No file read: each is taken as holding no pattern (the config's file list still names it). */
  PatternFiles UNREAD = path -> "";

  /**
   * The patterns of a file's text as haproxy 2.6 reads them (pattern.c pat_ref_read_from_file):
   * one per line, to its first CR or LF, spaces inside and at its end kept; a line starting with
   * '#' is a comment; spaces and tabs at its start are skipped, and an empty line with them.
   * Each with its line number.
   */
  static java.util.List<java.util.Map.Entry<Integer, String>> patterns(String text) {
    java.util.List<java.util.Map.Entry<Integer, String>> out = new java.util.ArrayList<>();
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    for (int n = 0; n < count; n++) {
      String l = lines[n];
      if (l.startsWith("#")) {
        continue;
      }
      int start = 0;
      while (start < l.length() && (l.charAt(start) == ' ' || l.charAt(start) == '\t')) {
        start++;
      }
      int end = start;
      while (end < l.length() && l.charAt(end) != '\r') {
        end++;
      }
      if (end > start) {
        out.add(java.util.Map.entry(n + 1, l.substring(start, end)));
      }
    }
    return out;
  }
}
