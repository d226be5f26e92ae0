package lbchaos.proxy.acl;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sample expression: a fetch with its arguments, then its converters in order
 * ("req.hdr(host),lower,field(1,:)"). In an ACL every sample is tried; in a log-format value
 * ("%[...]") the one a fetch gives there ({@link Fetch#sample}).
 */
public record SampleExpr(Fetch fetch, List<String> args, List<Converter> converters) {

  public SampleExpr {
    Objects.requireNonNull(fetch, "fetch");
    args = List.copyOf(args);
    converters = List.copyOf(converters);
  }

  /** The type of what it gives: the last converter's, or the fetch's. */
  public Fetch.Type type() {
    return converters.isEmpty() ? fetch.type() : converters.getLast().kind().out;
  }

  /** Every sample, converted (one a converter ends is dropped): an ACL's. */
  public List<Object> samples(Request r) {
    List<Object> raw = fetch.samples(r, args);
    if (converters.isEmpty()) {
      return raw;
    }
    List<Object> out = new ArrayList<>();
    for (Object s : raw) {
      converted(s).ifPresent(out::add);
    }
    return out;
  }

  /** The one sample, converted: a log-format value's. */
  public Optional<Object> sample(Request r) {
    return fetch.sample(r, args).flatMap(this::converted);
  }

  private Optional<Object> converted(Object s) {
    Optional<Object> v = Optional.of(s);
    for (Converter c : converters) {
      v = v.flatMap(c::apply);
    }
    return v;
  }

  /**
   * A sample as text, haproxy's one cast to a string (sample.c): an integer in decimal, a
   * boolean as 1 or 0, an address as inet_ntop writes it (IPv6 compressed). ACL string matching,
   * converters taking strings and log-format values all read a sample so.
   */
  static String text(Object sample) {
    return switch (sample) {
      case Boolean b -> b ? "1" : "0";
      case InetAddress a -> NetUtil.toAddressString(a);
      default -> String.valueOf(sample);
    };
  }
}
