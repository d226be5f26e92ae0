package lbchaos.harness.topology;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.config.ReferenceConfigs.FileSpec;
import lbchaos.harness.tls.TestCertificate;
import lbchaos.config.ConfigException;
import lbchaos.privilege.Accounts;
import lbchaos.proxy.config.ErrorFile;
import lbchaos.proxy.config.HaproxyConfig;
import lbchaos.proxy.config.HaproxyConfigParser;
import lbchaos.proxy.config.PatternFile;

/**
 * The files a team's haproxy.cfg names that the proxy reads where it runs, put in every LB at
 * the paths the config names: its {@code errorfile} pages, its ACLs' pattern files ({@code -f})
 * and map files, and its binds' {@code crt} certificates. Each comes from a file given by name (the run's {@code --file}), else from
 * beside the config: the named path taken from the config's folder as the LB takes it from
 * /etc/haproxy (an {@code /etc/haproxy/errors/503.http} from {@code errors/503.http} next to
 * the config, a relative path as written), else the file of that name next to the config.
 * A page none of these holds may be one of the LB image's (Debian's haproxy package); anything
 * else is an error at the line that names it, before anything starts, where haproxy and the
 * agent would refuse it once started; so is a pattern the proxy would refuse in a file. A certificate none holds is made for the run, self-signed,
 * as the harness makes its own for https: a team's private key need not leave its vault, and
 * the probe does not verify the certificate either way (as {@code curl -k}).
 */
final class HaproxyFiles {

  /** The pages Debian's haproxy package puts in the LB images (Debian 12 and 13 alike). */
  static final Set<String> IN_IMAGE = Set.of("/etc/haproxy/errors/400.http",
      "/etc/haproxy/errors/403.http", "/etc/haproxy/errors/408.http",
      "/etc/haproxy/errors/500.http", "/etc/haproxy/errors/502.http",
      "/etc/haproxy/errors/503.http", "/etc/haproxy/errors/504.http");

  /** Where haproxy runs in an LB, the folder a relative path is taken from (the image's /). */
  private static final Path DAEMON_DIR = Path.of("/");
  private static final Path HOME = Path.of(ReferenceConfigs.HAPROXY_PATH).getParent();

  private HaproxyFiles() {}

  /**
   * What to put in the LBs.
   *
   * @param config the config as the proxy reads it with these files: its ACLs' patterns read
   * @param files by path in the LB
   */
  record Placed(HaproxyConfig config, List<FileSpec> files) {}

  /**
   * The files to put in each LB; what the harness made for the run is noted in {@code notes}.
   *
   * @param hpText the config's text, to read its pattern files as the proxy will
   * @param given files given by name, besides those next to the config
   * @throws BadConfig at the line naming a page or a pattern file that is nowhere, or a
   *     pattern the proxy would not take
   */
  static Placed of(HaproxyConfig hp, String hpText, List<Path> given, List<String> notes) {
    Map<String, FileSpec> out = new LinkedHashMap<>();
    // every file that is nowhere, by line: all of them in one pass
    java.util.SortedMap<Integer, String> nowhere = new java.util.TreeMap<>();
    pages(hp, given, out, nowhere);
    patternFiles(hp, given, out, nowhere);
    if (!nowhere.isEmpty()) {
      throw new BadConfig(String.join("\n", nowhere.values()), null);
    }
    HaproxyConfig read = patterns(hp, hpText, out);
    certificates(hp, given, notes, out);
    return new Placed(read, List.copyOf(out.values()));
  }

  /** The errorfile pages; an errorloc is a redirect, no file. */
  private static void pages(HaproxyConfig hp, List<Path> given, Map<String, FileSpec> out,
      Map<Integer, String> nowhere) {
    for (ErrorFile e : hp.errorFiles()) {
      String target = target(e.argument());
      if (!e.keyword().equals("errorfile") || out.containsKey(target)) {
        continue;
      }
      Optional<Path> source = source(e.argument(), hp.file(), given);
      if (source.isPresent() && Files.isRegularFile(source.get())) {
        out.put(target, new FileSpec(target, text(source.get(), hp.file(), e.line()), 0644));
      } else if (!IN_IMAGE.contains(target)) {
        nowhere.put(e.line(), hp.file() + ":" + e.line() + ": errorfile " + e.argument() + ": "
            + nowhere(e.argument(), hp.file()) + ", and the LB image has none");
      }
    }
  }

  /** The pattern and map files. */
  private static void patternFiles(HaproxyConfig hp, List<Path> given,
      Map<String, FileSpec> out, Map<Integer, String> nowhere) {
    for (PatternFile f : hp.patternFiles()) {
      String target = target(f.path());
      Optional<Path> source = source(f.path(), hp.file(), given);
      if (source.isEmpty() || !Files.isRegularFile(source.get())) {
        nowhere.putIfAbsent(f.line(), hp.file() + ":" + f.line() + ": pattern file " + f.path()
            + ": " + nowhere(f.path(), hp.file()));
      } else {
        out.put(target, new FileSpec(target, text(source.get(), hp.file(), f.line()), 0644));
      }
    }
  }

  /**
   * The config as the proxy reads it with its pattern files ({@code out}): a bad pattern is
   * its line, here, and one the java agent would refuse is among the config's refusals.
   */
  private static HaproxyConfig patterns(HaproxyConfig hp, String hpText,
      Map<String, FileSpec> out) {
    if (hp.patternFiles().isEmpty()) {
      return hp;
    }
    try {
      return HaproxyConfigParser.parse(hp.file(), hpText, Accounts.UNCHECKED, path -> {
        FileSpec f = out.get(target(path));
        return f == null ? "" : f.content();
      });
    } catch (ConfigException e) {
      throw new BadConfig(e.getMessage(), e);
    }
  }

  /** The binds' certificates, private; one nobody gave is made for the run, and said. */
  private static void certificates(HaproxyConfig hp, List<Path> given, List<String> notes,
      Map<String, FileSpec> out) {
    hp.frontends().stream().flatMap(f -> f.binds().stream()).flatMap(b -> b.tls().stream())
        .forEach(tls -> tls.certs().forEach(crt -> {
          String target = target(crt);
          if (out.containsKey(target)) {
            return;
          }
          Optional<Path> source = source(crt, hp.file(), given);
          if (source.isPresent() && Files.isDirectory(source.get())) {
            // haproxy loads every file of a crt directory
            try (Stream<Path> in = Files.list(source.get())) {
              in.filter(Files::isRegularFile).sorted().forEach(p -> {
                String t = target + "/" + p.getFileName();
                out.put(t, new FileSpec(t, text(p, hp.file(), tls.line()), 0600));
              });
            } catch (IOException x) {
              throw new BadConfig(hp.file() + ":" + tls.line() + ": crt " + crt + ": cannot list "
                  + source.get() + " (" + x.getMessage() + ")", x);
            }
          } else if (source.isPresent()) {
            out.put(target, new FileSpec(target, text(source.get(), hp.file(), tls.line()),
                0600));
          } else {
            out.put(target, new FileSpec(target, TestCertificate.pem(), 0600));
            notes.add(hp.file() + ":" + tls.line() + ": crt " + crt + ": no file "
                + String.join(" or ", candidates(crt, hp.file())) + " next to the config: the"
                + " LBs get a self-signed certificate for " + TestCertificate.NAME
                + " made for the run (the probe does not verify it)");
          }
        }));
  }

  /** Why {@code named} cannot be put in the LBs. */
  private static String nowhere(String named, Path config) {
    return "no file " + String.join(" or ", candidates(named, config)) + " next to the config"
        + " nor given by name with --file";
  }

  /** Where the LB's proxy reads {@code named}. */
  private static String target(String named) {
    return DAEMON_DIR.resolve(named).normalize().toString();
  }

  /** The first of the named file's places ({@link HaproxyFiles}) that exists. */
  private static Optional<Path> source(String named, Path config, List<Path> given) {
    String name = Path.of(named).getFileName().toString();
    Optional<Path> byName = given.stream().filter(p -> p.getFileName().toString().equals(name))
        .findFirst();
    if (byName.isPresent()) {
      return byName;
    }
    Path dir = config.toAbsolutePath().getParent();
    return candidates(named, config).stream().map(dir::resolve).filter(Files::exists)
        .findFirst();
  }

  /** The named file's places beside the config, relative to its folder, in order. */
  private static List<String> candidates(String named, Path config) {
    Path p = Path.of(named);
    List<String> out = new ArrayList<>();
    if (!p.isAbsolute()) {
      out.add(p.normalize().toString());
    } else if (p.normalize().startsWith(HOME)) {
      out.add(HOME.relativize(p.normalize()).toString());
    }
    String name = p.getFileName().toString();
    if (!out.contains(name)) {
      out.add(name);
    }
    return out;
  }

  /** The file as the LB gets it: text (the harness copies configs as UTF-8 text). */
  private static String text(Path p, Path config, int line) {
    try {
      return Files.readString(p);
    } catch (CharacterCodingException e) {
      throw new BadConfig(config + ":" + line + ": " + p + " is not UTF-8 text, which is all the"
          + " harness copies into the LBs", e);
    } catch (IOException e) {
      throw new BadConfig(config + ":" + line + ": cannot read " + p + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
  }
}
