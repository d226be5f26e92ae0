package lbchaos.vrrp.config;

import java.time.Duration;
import lbchaos.vrrp.state.Garp;

/**
 * keepalived 2.2.7's gratuitous ARP keywords, read alike in vrrp_instance (vrrp_parser.c) and,
 * prefixed {@code vrrp_}, in global_defs (global_parser.c): their ranges, defaults and errors.
 * An instance starts from the global values (keepalived's alloc_vrrp copies them), so a global
 * default applies to every instance that does not set the keyword itself.
 *
 * <p>keepalived reads each count as an unsigned int (0..4294967295) and each delay as whole
 * seconds 0..4294 (UINT_MAX / TIMER_HZ); the counts here stop at 2147483647, far beyond any
 * burst a network survives. lbchaos applies global_defs to every instance wherever the block is
 * written; keepalived copies the global values when it meets the instance, so a global_defs
 * after an instance does not change it there.
 */
final class GarpKeywords {

  /** keepalived: UINT_MAX / TIMER_HZ whole seconds. */
  static final int MAX_DELAY_SECONDS = (int) (0xFFFF_FFFFL / 1_000_000);

  private final KeepalivedParser parser;
  private final Values v;
  private Duration masterDelay;
  private int masterRepeat;
  private Duration refresh;
  private int refreshRepeat;
  /** null: unset, which in global_defs means the global master values. */
  private Duration lowerPrioDelay;
  private Integer lowerPrioRepeat;
  private boolean higherPrioSendAdvert;

  private GarpKeywords(KeepalivedParser parser, Garp start, boolean lowerSet) {
    this.parser = parser;
    this.v = parser.values();
    this.masterDelay = start.masterDelay();
    this.masterRepeat = start.masterRepeat();
    this.refresh = start.refresh();
    this.refreshRepeat = start.refreshRepeat();
    this.lowerPrioDelay = lowerSet ? start.lowerPrioDelay() : null;
    this.lowerPrioRepeat = lowerSet ? start.lowerPrioRepeat() : null;
    this.higherPrioSendAdvert = start.higherPrioSendAdvert();
  }

  /** global_defs, from keepalived's defaults (global_data.c). */
  static GarpKeywords global(KeepalivedParser parser) {
    return new GarpKeywords(parser, Garp.DEFAULT, false);
  }

  /** A vrrp_instance, from the global values. */
  static GarpKeywords instance(KeepalivedParser parser, Garp global) {
    return new GarpKeywords(parser, global, true);
  }

  /**
   * Reads {@code n} if {@code keyword} (without global_defs' {@code vrrp_} prefix) is a GARP
   * keyword; false when it is not one. An invalid value is an error (keepalived reports it and
   * ignores the line, and {@code keepalived -t} fails), recorded with the parser.
   */
  boolean read(ConfNode n, String keyword) {
    switch (keyword) {
      case "garp_master_delay" -> masterDelay = seconds(n);
      case "garp_master_repeat" -> masterRepeat = atLeastOne(n);
      case "garp_master_refresh" -> refresh = Duration.ofSeconds(v.integer(n, 0,
          Integer.MAX_VALUE));
      case "garp_master_refresh_repeat" -> refreshRepeat = atLeastOne(n);
      case "garp_lower_prio_delay" -> lowerPrioDelay = seconds(n);
      case "garp_lower_prio_repeat" -> lowerPrioRepeat = v.integer(n, 0, Integer.MAX_VALUE);
      case "higher_prio_send_advert" -> higherPrioSendAdvert = bool(n);
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * global_defs' vrrp_min_garp [BOOL] (global_parser.c vrrp_min_garp_handler): one GARP, no
   * second burst, no refresh, but only where the values are still keepalived's defaults when
   * the line is read (a value written before stays, one written after wins).
   */
  void minGarp(ConfNode n) {
    if (!n.args().isEmpty() && !bool(n)) {
      return;
    }
    Garp d = Garp.DEFAULT;
    if (masterRepeat == d.masterRepeat()) {
      masterRepeat = 1;
    }
    if (refreshRepeat == d.refreshRepeat()) {
      refreshRepeat = 0; // keepalived sets 0 here, which its own keyword would refuse
    }
    if (masterDelay.equals(d.masterDelay())) {
      masterDelay = Duration.ZERO;
    }
  }

  Garp garp() {
    return new Garp(masterDelay, masterRepeat, refresh, refreshRepeat,
        lowerPrioDelay == null ? masterDelay : lowerPrioDelay,
        lowerPrioRepeat == null ? masterRepeat : lowerPrioRepeat, higherPrioSendAdvert);
  }

  private Duration seconds(ConfNode n) {
    return Duration.ofSeconds(v.integer(n, 0, MAX_DELAY_SECONDS));
  }

  /** keepalived takes 0 (pre 2.0.7 configs) but reports it and sends 1. */
  private int atLeastOne(ConfNode n) {
    int r = v.integer(n, 0, Integer.MAX_VALUE);
    if (r == 0) {
      throw v.error(n, n.keyword() + " must be greater than 0 (keepalived sets it to 1)");
    }
    return r;
  }

  /** keepalived's check_true_false: no value is true; true/on/yes, false/off/no. */
  private boolean bool(ConfNode n) {
    if (n.args().isEmpty()) {
      return true;
    }
    return switch (n.args().getFirst()) {
      case "true", "on", "yes" -> true;
      case "false", "off", "no" -> false;
      default -> throw v.error(n, "invalid " + n.keyword() + " '" + n.args().getFirst()
          + "': true, on, yes, false, off or no");
    };
  }
}
