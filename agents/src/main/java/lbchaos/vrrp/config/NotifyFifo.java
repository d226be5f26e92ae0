package lbchaos.vrrp.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A notify FIFO of global_defs (keepalived 2.2.7 global_parser.c notify_fifo,
 * notify_fifo_script): {@code notify_fifo PATH [user [group]]} or its {@code vrrp_} twin, which
 * keepalived both opens in its VRRP process and writes the same lines to.
 *
 * @param keyword {@code notify_fifo} or {@code vrrp_notify_fifo}
 * @param path the FIFO; created (mode 0644) when missing, removed at exit only if created (and
 *     only with a vrrp_notify_fifo open, as keepalived closes them)
 * @param owner the words after the path: who owns the FIFO when keepalived creates it (user,
 *     then group); empty: script_user's
 * @param script the {@code *_notify_fifo_script} line, started once with the FIFO path appended
 */
public record NotifyFifo(String keyword, Path path, Optional<String> owner,
    Optional<String> script) {

  public NotifyFifo {
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(script, "script");
  }
}
