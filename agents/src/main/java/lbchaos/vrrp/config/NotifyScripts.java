package lbchaos.vrrp.config;

import java.util.Objects;
import java.util.Optional;

/**
 * An instance's notify scripts. notify_master/backup/fault run as written (the state argument is
 * part of the string, as in the article); {@code notify} gets keepalived's four arguments
 * appended: "INSTANCE", the instance name, the state, the priority.
 */
public record NotifyScripts(Optional<String> master, Optional<String> backup,
    Optional<String> fault, Optional<String> any) {
  public NotifyScripts {
    Objects.requireNonNull(master);
    Objects.requireNonNull(backup);
    Objects.requireNonNull(fault);
    Objects.requireNonNull(any);
  }

  public static NotifyScripts none() {
    return new NotifyScripts(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }
}
