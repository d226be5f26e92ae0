package lbchaos.proxy.acl;

import java.util.List;
import java.util.Objects;

/**
 * One test of an ACL: a sample expression, a match method, and patterns; it passes when any
 * sample matches any pattern ("found" and "bool" take none).
 *
 * @param keyword the criterion as written ("hdr_beg(host)"), for messages
 */
public record Test(String keyword, SampleExpr expr, Match match, List<Pattern> patterns) {

  public Test {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(match, "match");
    patterns = List.copyOf(patterns);
  }

  public boolean matches(Request r) {
    List<Object> samples = expr.samples(r);
    if (match == Match.FOUND) {
      return !samples.isEmpty();
    }
    for (Object s : samples) {
      if (match == Match.BOOL) {
        if (s instanceof Boolean b ? b : s instanceof Long l ? l != 0
            : !String.valueOf(s).isEmpty()) {
          return true;
        }
        continue;
      }
      for (Pattern p : patterns) {
        if (match.test(s, p)) {
          return true;
        }
      }
    }
    return false;
  }
}
