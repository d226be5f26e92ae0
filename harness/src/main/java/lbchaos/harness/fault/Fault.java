package lbchaos.harness.fault;

import lbchaos.harness.topology.Lab;

/**
 * One failure the harness can inject, with a guaranteed heal. Each fault is a small record with
 * a stable name (Toxiproxy keeps one small file per toxic; Jepsen heals before final checks).
 * Network faults act in the node's network namespace through the Docker API alone
 * ({@code Node.netAdmin}: docker exec where the node holds NET_ADMIN, else a helper container
 * joined to its namespace with NET_ADMIN only), so the node needs no extra capability for them
 * and the harness no root on the host.
 */
public sealed interface Fault
    permits Kill, Stop, Pause, KillDaemon, Restart, Disconnect, BlockVrrp, BlockBackends, Netem,
        CpuStarve, RandomDrop, SlowAnswers, ServerAdmin, LinkDown, ErrorAnswers {

  /** Stable name, used in events, reports and scenario lists. */
  String name();

  /** The node (or nodes, comma-separated) it acts on. */
  String target();

  void inject(Lab lab);

  /** Undoes {@link #inject}; must be safe to call when inject failed half-way. */
  void heal(Lab lab);

  /** Human-readable detail for the event log. */
  default String detail() {
    return "";
  }
}
