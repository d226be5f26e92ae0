package lbchaos.proxy.balance;

import java.net.InetAddress;
import java.util.List;

/**
 * "balance first": the first server in configuration order with a free connection slot
 * (maxconn); without maxconn the first usable server takes everything.
 */
public final class FirstAvailable extends Balancer {

  FirstAvailable(List<Member> members, boolean allBackups) {
    super(members, allBackups);
  }

  @Override
  protected Member choose(InetAddress client, Member avoid) {
    Member avoided = null;
    for (Member m : eligible()) {
      if (!m.saturated()) {
        if (m != avoid) {
          return m;
        }
        avoided = m;
      }
    }
    return avoided;
  }
}
