package lbchaos.vrrp.agent;

/**
 * The lines keepalived 2.2.7 writes to its notify FIFO (vrrp_notify.c notify_fifo):
 * {@code TYPE "NAME" STATE PRIORITY} and a newline, TYPE INSTANCE or GROUP, STATE one of MASTER,
 * BACKUP, FAULT, STOP (at shut-down, notify_shutdown), or an event: MASTER_RX_LOWER_PRI when a
 * master hears a lower priority. A GROUP line is a vrrp_sync_group's, priority always 0
 * (notify_group_fifo). DELETED and the *_PRIORITY events never come from the agent
 * (vrrp_notify_priority_changes is refused).
 */
final class FifoLines {

  static final String MASTER_RX_LOWER_PRI = "MASTER_RX_LOWER_PRI";

  private FifoLines() {}

  /** An instance's line, {@code priority} its effective priority. */
  static String instance(String name, String state, int priority) {
    return line("INSTANCE", name, state, priority);
  }

  static String line(String type, String name, String state, int priority) {
    return type + " \"" + name + "\" " + state + " " + priority + "\n";
  }
}
