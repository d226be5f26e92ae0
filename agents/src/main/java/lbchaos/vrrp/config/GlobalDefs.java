package lbchaos.vrrp.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The global_defs block, as far as VRRP cares.
 *
 * @param vrrpVersion default version for instances (keepalived's {@code vrrp_version}, default 2)
 */
public record GlobalDefs(Optional<String> routerId, Optional<String> scriptUser,
    boolean enableScriptSecurity, int vrrpVersion) {

  public GlobalDefs {
    Objects.requireNonNull(routerId, "routerId");
    Objects.requireNonNull(scriptUser, "scriptUser");
    if (vrrpVersion != 2 && vrrpVersion != 3) {
      throw new IllegalArgumentException("vrrp_version 2 or 3, was " + vrrpVersion);
    }
  }

  public static GlobalDefs defaults() {
    return new GlobalDefs(Optional.empty(), Optional.empty(), false, 2);
  }
}
