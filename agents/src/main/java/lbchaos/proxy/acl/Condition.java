package lbchaos.proxy.acl;

import java.util.List;
import java.util.Map;

/**
 * "if|unless" and a condition in disjunctive form (manual 7.2): suites of [!]acl separated by
 * "or"/"||", the ACLs of a suite AND'ed. ACLs are named here and looked up when evaluated, so
 * that an "acl" line completing an ACL after the rule still counts, as in haproxy where the rule
 * holds the ACL itself.
 */
public record Condition(boolean unless, List<List<Term>> suites) {

  /** One ACL of a suite, negated with "!". */
  public record Term(String acl, boolean negate) {}

  public Condition {
    suites = suites.stream().map(List::copyOf).toList();
  }

  public boolean holds(Map<String, Acl> acls, Request r) {
    boolean any = false;
    for (List<Term> suite : suites) {
      boolean all = true;
      for (Term t : suite) {
        if (acls.get(t.acl()).matches(r) == t.negate()) {
          all = false;
          break;
        }
      }
      if (all) {
        any = true;
        break;
      }
    }
    return any != unless;
  }
}
