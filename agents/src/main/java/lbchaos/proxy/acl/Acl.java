package lbchaos.proxy.acl;

import java.util.List;
import java.util.Objects;

/**
 * A named ACL: its tests, from every "acl" line of that name in the section, OR'ed (manual 7.1:
 * a line with an existing name completes it). Anonymous ACLs ("{ ... }") have a generated name.
 */
public record Acl(String name, List<Test> tests) {

  public Acl {
    Objects.requireNonNull(name, "name");
    tests = List.copyOf(tests);
  }

  public boolean matches(Request r) {
    for (Test t : tests) {
      if (t.matches(r)) {
        return true;
      }
    }
    return false;
  }
}
