package lbchaos.proxy.acl;

import java.util.List;
import java.util.Objects;

/**
 * A value with samples in it (set-header, add-header, the set-* and replace-* actions,
 * set-var-fmt, an http-request redirect's), a log-format string to haproxy 2.6 (http_act.c):
 * literal text, "%%" for a '%', and sample expressions "%[fetch(args),converters]", each written
 * as the one sample it gives outside an ACL ({@link Fetch#sample}), as text: an integer in
 * decimal, a boolean as 1 or 0, an address as haproxy prints it; one that gives none writes
 * nothing (2.6.12 side by side: "x-miss: " for a header the request has not). The parser refuses
 * log variables ("%ci") and options ("%{+Q}").
 */
public record HeaderValue(List<Part> parts) {

  public HeaderValue {
    parts = List.copyOf(parts);
  }

  /** A piece of the value. */
  public sealed interface Part {}

  public record Text(String text) implements Part {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  public record Sampled(SampleExpr expr) implements Part {
    public Sampled {
      Objects.requireNonNull(expr, "expr");
    }
  }

  static HeaderValue literal(String text) {
    return new HeaderValue(List.of(new Text(text)));
  }

  /** The value for {@code r}, the request as the rules before this one left it. */
  public String render(Request r) {
    if (parts.size() == 1 && parts.getFirst() instanceof Text t) {
      return t.text();
    }
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Text t -> out.append(t.text());
        case Sampled s -> s.expr().sample(r).ifPresent(v -> out.append(SampleExpr.text(v)));
      }
    }
    return out.toString();
  }
}
