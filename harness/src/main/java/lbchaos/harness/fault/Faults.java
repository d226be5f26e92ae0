package lbchaos.harness.fault;

import java.time.Duration;

/** Static factories, one per fault family, as Testcontainers' {@code Wait}. */
public final class Faults {

  private Faults() {}

  public static Fault kill(String node) {
    return new Kill(node);
  }

  public static Fault stop(String node) {
    return new Stop(node, Duration.ofSeconds(10));
  }

  public static Fault pause(String node) {
    return new Pause(node);
  }

  public static Fault killHaproxy(String node) {
    return new KillDaemon(node, "haproxy", "KILL");
  }

  public static Fault killKeepalived(String node) {
    return new KillDaemon(node, "keepalived", "KILL");
  }

  public static Fault killAgent(String node, String agent) {
    return new KillDaemon(node, "agents.jar " + agent, "KILL");
  }

  public static Fault restart(String node) {
    return new Restart(node);
  }

  public static Fault disconnect(String node) {
    return new Disconnect(node);
  }

  /** The node's interface down, from inside its namespace; heal sets it up. */
  public static Fault linkDown(String node) {
    return new LinkDown(node);
  }

  public static Fault blockVrrp() {
    return new BlockVrrp();
  }

  public static Fault blockBackends(String lb) {
    return new BlockBackends(lb);
  }

  public static Fault delay(String node, Duration delay, Duration jitter) {
    return new Netem(node, delay, jitter, 0);
  }

  public static Fault loss(String node, double percent) {
    return new Netem(node, Duration.ZERO, Duration.ZERO, percent);
  }

  /** A slow application (no netem needed): the webserver answers "/" {@code delay} late. */
  public static Fault slowAnswers(String webserver, Duration delay) {
    return new SlowAnswers(webserver, delay);
  }

  /** A failing application: the webserver answers "/" with {@code status} (a 5xx). */
  public static Fault errorAnswers(String webserver, int status) {
    return new ErrorAnswers(webserver, status);
  }

  /** Loss by iptables (no netem needed): {@code percent} of what the node sends is dropped. */
  public static Fault randomDrop(String node, double percent) {
    return new RandomDrop(node, percent);
  }

  /** {@code server} ("backend/server") drained on each LB's proxy; heal: ready again. */
  public static Fault drain(String lbs, String server) {
    return new ServerAdmin(lbs, server, "drain");
  }

  /** {@code server} in maintenance on each LB's proxy (checks stopped); heal: ready again. */
  public static Fault maint(String lbs, String server) {
    return new ServerAdmin(lbs, server, "maint");
  }

  public static Fault starveCpu(String node, int percent) {
    return new CpuStarve(node, percent);
  }
}
