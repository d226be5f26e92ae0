package lbchaos.harness.bench;

import java.util.List;
import java.util.Set;

/**
 * Established TCP connections on an LB node, from {@code ss -Htn state established}: those the
 * clients opened to the frontend (local address the VIP and service port) and those the proxy
 * opened to the webservers (peer a webserver on the service port). Both counts at N show that N
 * sessions are really relayed, not waiting in a backlog on one side.
 */
public record ConnectionsHeld(int clientSide, int serverSide) {

  public ConnectionsHeld {
    if (clientSide < 0 || serverSide < 0) {
      throw new IllegalArgumentException("negative count");
    }
  }

  /** The ss command whose output {@link #of} reads: no header, numeric, established only. */
  public static final List<String> SS = List.of("ss", "-Htn", "state", "established");

  public static ConnectionsHeld of(String ssOutput, String vip, int port, Set<String> webservers) {
    int client = 0;
    int server = 0;
    for (String line : ssOutput.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 2) {
        continue;
      }
      // With a state filter ss prints no State column: ... Local:Port Peer:Port, last two fields.
      Endpoint local = Endpoint.parse(f[f.length - 2]);
      Endpoint peer = Endpoint.parse(f[f.length - 1]);
      if (local == null || peer == null) {
        continue;
      }
      if (local.ip().equals(vip) && local.port() == port) {
        client++;
      } else if (webservers.contains(peer.ip()) && peer.port() == port) {
        server++;
      }
    }
    return new ConnectionsHeld(client, server);
  }

  public boolean atLeast(int n) {
    return clientSide >= n && serverSide >= n;
  }

  /** An address as ss prints it: {@code 10.0.0.5:80}, or IPv4-mapped {@code [::ffff:10.0.0.5]:80}. */
  record Endpoint(String ip, int port) {
    static Endpoint parse(String s) {
      int colon = s.lastIndexOf(':');
      if (colon <= 0) {
        return null;
      }
      String ip = s.substring(0, colon);
      if (ip.startsWith("[") && ip.endsWith("]")) {
        ip = ip.substring(1, ip.length() - 1);
      }
      if (ip.startsWith("::ffff:")) {
        ip = ip.substring("::ffff:".length());
      }
      try {
        return new Endpoint(ip, Integer.parseInt(s.substring(colon + 1)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
