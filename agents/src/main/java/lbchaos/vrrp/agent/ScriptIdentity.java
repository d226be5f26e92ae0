package lbchaos.vrrp.agent;

import java.util.Optional;
import lbchaos.privilege.Ids;
import lbchaos.privilege.PrivilegeDrop;
import lbchaos.privilege.UserSpec;
import lbchaos.vrrp.config.GlobalDefs;

/**
 * Whom keepalived runs scripts as (keepalived.conf(5), script_user): the named user and group,
 * else keepalived_script when that user exists, else root.
 */
final class ScriptIdentity {

  static final String KEEPALIVED_SCRIPT = "keepalived_script";

  private ScriptIdentity() {}

  /** The user keepalived would pick; empty means root. Pure apart from {@code exists}. */
  static Optional<UserSpec> user(GlobalDefs defs, java.util.function.Predicate<String> exists) {
    if (defs.scriptUser().isPresent()) {
      UserSpec u = UserSpec.ofScriptUser(defs.scriptUser().get());
      return u.isRoot() && u.group().isEmpty() ? Optional.empty() : Optional.of(u);
    }
    return exists.test(KEEPALIVED_SCRIPT)
        ? Optional.of(new UserSpec(KEEPALIVED_SCRIPT, Optional.empty())) : Optional.empty();
  }

  /** setpriv's arguments for the root helper; empty when scripts run as root. */
  static Optional<ScriptLauncher.RunAs> runAs(GlobalDefs defs) {
    return user(defs, ScriptIdentity::exists).map(u -> {
      Ids ids = PrivilegeDrop.resolve(u);
      return new ScriptLauncher.RunAs(u.user(), ids.gid(),
          !u.user().chars().allMatch(Character::isDigit));
    });
  }

  /** The uid and gid of the user keepalived would pick; empty means root. */
  static Optional<lbchaos.privilege.Ids> ids(GlobalDefs defs) {
    return user(defs, ScriptIdentity::exists).map(PrivilegeDrop::resolve);
  }

  private static boolean exists(String user) {
    try {
      PrivilegeDrop.resolve(new UserSpec(user, Optional.empty()));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
