package lbchaos.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * allure-commandline, the Allure report generator, from Maven Central (the distribution zip is
 * published there as io.qameta.allure:allure-commandline:VERSION:zip), unpacked under target/
 * and run with our JDK: no Node.js, nothing else downloaded.
 */
final class AllureCommandline {

  static final String VERSION = "2.29.0";
  private static final String COORDS = "io.qameta.allure:allure-commandline:" + VERSION + ":zip";

  private AllureCommandline() {}

  /** The zip in the local Maven repository (fetched with Maven when missing). */
  static Path zip() {
    Path repo = Path.of(System.getProperty("maven.repo.local",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    Path zip = repo.resolve(Path.of("io", "qameta", "allure", "allure-commandline", VERSION,
        "allure-commandline-" + VERSION + ".zip"));
    if (!Files.isRegularFile(zip)) {
      run(List.of("mvn", "-B", "-q", "dependency:get", "-Dartifact=" + COORDS), null);
    }
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException("cannot get " + COORDS + " with Maven (expected " + zip
          + ")");
    }
    return zip;
  }

  /** Unpacks the zip under {@code targetDir} once; returns the allure home (with bin/allure). */
  static Path unpack(Path zip, Path targetDir) throws IOException {
    Path home = targetDir.resolve("allure-" + VERSION);
    Path bin = home.resolve(Path.of("bin", "allure"));
    if (Files.isExecutable(bin)) {
      return home;
    }
    Path root = targetDir.toAbsolutePath().normalize();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path to = root.resolve(e.getName()).normalize();
        if (!to.startsWith(root)) {
          throw new IOException("zip entry outside the target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  /**
   * Generates the HTML report of {@code results} into {@code out}. Allure's trends come from the
   * history/ folder of the previous report, copied into the results before generating.
   */
  static int generate(Path home, Path results, Path out) throws IOException {
    Path previous = out.resolve("history");
    if (Files.isDirectory(previous)) {
      Path into = Files.createDirectories(results.resolve("history"));
      try (var files = Files.list(previous)) {
        for (Path f : files.toList()) {
          Files.copy(f, into.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return run(List.of(home.resolve(Path.of("bin", "allure")).toString(), "generate", "--clean",
        "-o", out.toString(), results.toString()), System.getProperty("java.home"));
  }

  private static int run(List<String> command, String javaHome) {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    if (javaHome != null) {
      pb.environment().put("JAVA_HOME", javaHome);
    }
    try {
      return pb.start().waitFor();
    } catch (IOException e) {
      throw new IllegalStateException(command.getFirst() + ": cannot run (" + e.getMessage() + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(command.getFirst() + ": interrupted", e);
    }
  }

  static boolean hasResults(Path results) throws IOException {
    if (!Files.isDirectory(results)) {
      return false;
    }
    try (var s = Files.list(results)) {
      return s.anyMatch(p -> p.getFileName().toString().endsWith("-result.json"));
    }
  }
}
