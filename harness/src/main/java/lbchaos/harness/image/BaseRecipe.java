package lbchaos.harness.image;

import java.util.List;

/**
 * What the base image holds: Debian (bookworm by default) plus the daemons and tools every
 * container needs.
 * The image is tagged by a hash of this recipe, so changing a package builds a new one.
 */
public record BaseRecipe(String suite, List<String> packages) {

  public static final BaseRecipe DEFAULT = new BaseRecipe("bookworm", List.of(
      "keepalived", "haproxy", "apache2", "curl", "iproute2", "iptables", "iputils-arping",
      "iputils-ping", "procps", "tcpdump", "tshark", "netcat-openbsd", "psmisc",
      // socat: the stand-in for a remote engine in tests (RemoteEngineIT)
      "socat",
      // wrk: the bench's load generator in C, the figures its targets read
      "wrk"));

  /** The same packages on another Debian suite ("trixie" for the reference-13 stack). */
  public static BaseRecipe debian(String suite) {
    return suite.equals(DEFAULT.suite()) ? DEFAULT : new BaseRecipe(suite, DEFAULT.packages());
  }

  public BaseRecipe {
    if (suite.isBlank() || packages.isEmpty()) {
      throw new IllegalArgumentException("a base recipe needs a suite and packages");
    }
    packages = List.copyOf(packages);
  }

  /** The registry path: what a machine that can pull debian:bookworm-slim builds. */
  public String dockerfile() {
    return "FROM debian:" + suite + "-slim\n"
        + "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y"
        + " --no-install-recommends " + String.join(" ", packages)
        + " && rm -rf /var/lib/apt/lists/*\n"
        + "LABEL io.lbchaos=true\n";
  }

  /** The offline path: mmdebstrap from the machine's own apt sources (no mirror named). */
  public List<String> mmdebstrap(String outputTar) {
    return List.of("mmdebstrap", "--variant=apt", "--quiet",
        "--include=" + String.join(",", packages), suite, outputTar);
  }
}
