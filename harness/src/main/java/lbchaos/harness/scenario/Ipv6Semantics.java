package lbchaos.harness.scenario;

import java.time.Duration;
import lbchaos.harness.config.LbSettings;

/**
 * The article's master-down over IPv6 (issue 20 item 5): a dual-stack test network, the VIP an
 * IPv6 address in an IPv6-only vrrp_instance, so VRRPv3 over IPv6 (adverts to ff02::12 from the
 * link-local address, unsolicited neighbour adverts for the VIP), the frontend bound to the
 * IPv6 VIP and the probe asking {@code [fd00:..::211]:80}; the webservers stay IPv4 behind the
 * proxy. One IPv6-only instance rather than an IPv6 instance beside the IPv4 one: keepalived
 * 2.2.7 runs either (the first VIP sets an instance's family; tried by hand, vrrp-interop-ipv6),
 * and with one VIP per run every check of master-down (one VIP holder, the client's outage)
 * judges the IPv6 VIP as it is. Same checks, same bounds as master-down, from VRRPv3's formula.
 */
final class Ipv6Semantics {

  /** The article's settings over IPv6: VRRPv3 (IPv6 has no VRRPv2), 1 s adverts. */
  static final LbSettings ARTICLE = LbSettings.ARTICLE.withAdverts(3, Duration.ofSeconds(1))
      .withIpv6(LbSettings.Ipv6.ON);

  /**
   * master-down-ipv6's negative case: the backup's instance is IPv4 (its VIP the IPv4 one), so
   * it never takes the IPv6 VIP over and one-vip-holder and the outage check must fail.
   */
  static final LbSettings NEGATIVE = ARTICLE.withIpv6(LbSettings.Ipv6.FIRST_LB_ONLY);

  private Ipv6Semantics() {}

  static Scenario masterDown(ProbeSpec p) {
    return masterDown(ARTICLE, p);
  }

  /** master-down-ipv6 rendered with {@code settings} (its negative case), bounds from them. */
  static Scenario masterDown(LbSettings settings, ProbeSpec p) {
    Scenario s = ArticleScenarios.masterDown(settings, p);
    return new ArticleScenarios.Simple("master-down-ipv6", s.description()
        + " (over IPv6: VRRPv3 to ff02::12, the frontend and the probe on the IPv6 VIP)", s::run);
  }
}
