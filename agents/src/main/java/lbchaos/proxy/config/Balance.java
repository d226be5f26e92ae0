package lbchaos.proxy.config;

import java.util.Optional;

/** Load-balancing algorithm of a backend ("balance" keyword). haproxy's default is roundrobin. */
public enum Balance {
  ROUNDROBIN("roundrobin"),
  STATIC_RR("static-rr"),
  LEASTCONN("leastconn"),
  FIRST("first"),
  SOURCE("source");

  private final String keyword;

  Balance(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }

  public static Optional<Balance> of(String keyword) {
    for (Balance b : values()) {
      if (b.keyword.equals(keyword)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }
}
