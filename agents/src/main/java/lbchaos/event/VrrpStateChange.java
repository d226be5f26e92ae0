package lbchaos.event;

/** A VRRP instance on a node changed state, as its daemon reports it. */
public record VrrpStateChange(long at, String source, String instance, VrrpRole from, VrrpRole to,
    String reason) implements Event {

  public enum VrrpRole { INIT, BACKUP, MASTER, FAULT, STOP }
}
