package lbchaos.vrrp.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lbchaos.vrrp.state.Garp;

/**
 * The global_defs block, as far as VRRP cares.
 *
 * @param vrrpVersion default version for instances (keepalived's {@code vrrp_version}, default 2)
 * @param garp the instances' GARP defaults: vrrp_garp_master_delay, vrrp_garp_master_repeat,
 *     vrrp_garp_master_refresh, vrrp_garp_master_refresh_repeat, vrrp_garp_lower_prio_delay and
 *     vrrp_garp_lower_prio_repeat (unset: the global master delay and repeat, as keepalived
 *     2.2.7 vrrp_complete_init sets them), vrrp_higher_prio_send_advert, after vrrp_min_garp
 * @param fifos notify_fifo then vrrp_notify_fifo, those that are set (keepalived opens the
 *     global one first, notify_fifo_open)
 */
public record GlobalDefs(Optional<String> routerId, Optional<String> scriptUser,
    boolean enableScriptSecurity, int vrrpVersion, Garp garp, List<NotifyFifo> fifos) {

  public GlobalDefs {
    Objects.requireNonNull(routerId, "routerId");
    Objects.requireNonNull(scriptUser, "scriptUser");
    Objects.requireNonNull(garp, "garp");
    fifos = List.copyOf(fifos);
    if (vrrpVersion != 2 && vrrpVersion != 3) {
      throw new IllegalArgumentException("vrrp_version 2 or 3, was " + vrrpVersion);
    }
  }

  /** Without a notify FIFO. */
  public GlobalDefs(Optional<String> routerId, Optional<String> scriptUser,
      boolean enableScriptSecurity, int vrrpVersion, Garp garp) {
    this(routerId, scriptUser, enableScriptSecurity, vrrpVersion, garp, List.of());
  }

  /** With keepalived's GARP defaults. */
  public GlobalDefs(Optional<String> routerId, Optional<String> scriptUser,
      boolean enableScriptSecurity, int vrrpVersion) {
    this(routerId, scriptUser, enableScriptSecurity, vrrpVersion, Garp.DEFAULT);
  }

  public static GlobalDefs defaults() {
    return new GlobalDefs(Optional.empty(), Optional.empty(), false, 2);
  }
}
