package lbchaos.proxy.net;

import java.net.InetSocketAddress;
import java.util.Optional;
import lbchaos.proxy.balance.AdminState;
import lbchaos.proxy.balance.Member;
import lbchaos.proxy.check.CheckStatus;
import lbchaos.proxy.cli.RuntimeApi;
import lbchaos.proxy.config.Balance;
import lbchaos.proxy.config.Server;

/**
 * The runtime API's view of one {@link Generation}: what "show" commands read and what "set
 * server" changes. "show info" comes from the {@link ProxyServer}, which knows the process.
 */
final class ProxyRuntime implements RuntimeApi.Target {

  private final Generation g;
  private final String info;

  ProxyRuntime(Generation g, String info) {
    this.g = g;
    this.info = info;
  }

  private Optional<BackendPool> pool(String backend) {
    return Optional.ofNullable(g.pools().get(backend));
  }

  private Member member(String backend, String server) {
    return pool(backend).flatMap(p -> p.member(server)).orElseThrow();
  }

  @Override
  public boolean hasBackend(String backend) {
    return pool(backend).isPresent();
  }

  @Override
  public boolean hasServer(String backend, String server) {
    return pool(backend).flatMap(p -> p.member(server)).isPresent();
  }

  @Override
  public boolean staticBalance(String backend) {
    Balance b = pool(backend).orElseThrow().config().balance();
    return b == Balance.STATIC_RR || b == Balance.SOURCE;
  }

  @Override
  public int initialWeight(String backend, String server) {
    return member(backend, server).initialWeight();
  }

  @Override
  public int weight(String backend, String server) {
    return member(backend, server).weight();
  }

  @Override
  public void setState(String backend, String server, AdminState state) {
    g.setAdmin(pool(backend).orElseThrow(), member(backend, server), state);
  }

  @Override
  public void setWeight(String backend, String server, int weight) {
    pool(backend).orElseThrow().setWeight(member(backend, server), weight);
  }

  @Override
  public String showStat() {
    return g.csv();
  }

  @Override
  public String showInfo() {
    return info;
  }

  /**
   * haproxy's dump_servers_state line (proxy.c), version 1. Backend ids count frontends first,
   * then backends, as the stats CSV's iid; server ids are positions in the backend.
   */
  @Override
  public String serversState(Optional<String> backend) {
    StringBuilder sb = new StringBuilder();
    int beId = g.frontendStatsAll().size();
    long now = System.currentTimeMillis() / 1000;
    for (BackendPool p : g.pools().values()) {
      beId++;
      if (backend.isPresent() && !backend.get().equals(p.config().name())) {
        continue;
      }
      for (Member m : p.members()) {
        Server cfg = p.config().servers().get(m.index());
        ServerStats s = p.stats(m);
        InetSocketAddress a = p.address(m);
        String addr = a.isUnresolved() || a.getAddress() == null ? "-"
            : a.getAddress().getHostAddress();
        boolean checked = cfg.check().enabled();
        AdminState admin = m.admin();
        int opState = admin != AdminState.MAINT && m.up() ? 2 : 0;
        int checkState = checked ? 0x02 | 0x04 | (admin == AdminState.MAINT ? 0x08 : 0) : 0;
        boolean byName = !cfg.host().chars().allMatch(c -> Character.isDigit(c) || c == '.'
            || c == ':');
        sb.append(beId).append(' ').append(p.config().name()).append(' ')
            .append(m.index() + 1).append(' ').append(m.name()).append(' ').append(addr)
            .append(' ').append(opState).append(' ').append(admin.flags(cfg.disabled()))
            .append(' ').append(m.weight()).append(' ').append(m.initialWeight()).append(' ')
            .append(now - s.lastchg.get()).append(' ')
            .append(checked ? checkStatus(s.checkStatus) : 0).append(' ')
            .append(checked ? checkResult(s.checkStatus) : 0).append(' ')
            .append(checked ? g.health(p, m) : 0).append(' ').append(checkState)
            .append(" 0 0 0 ").append(byName ? cfg.host() : "-").append(' ').append(cfg.port())
            .append(" - 0 ").append(cfg.checkPort() != cfg.port() ? cfg.checkPort() : 0)
            .append(" - - 0\n");
      }
    }
    return sb.toString();
  }

  /** haproxy's HCHK_STATUS_* number of a check outcome; INI (1) before the first check. */
  static int checkStatus(String status) {
    if (status.isEmpty()) {
      return 1;
    }
    return switch (CheckStatus.valueOf(status)) {
      case HANA -> 4;
      case SOCKERR -> 5;
      case L4OK -> 6;
      case L4TOUT -> 7;
      case L4CON -> 8;
      case L6OK -> 9;
      case L6TOUT -> 10;
      case L6RSP -> 11;
      case L7TOUT -> 12;
      case L7RSP -> 13;
      case L7OK -> 15;
      case L7STS -> 17;
      default -> 0;
    };
  }

  /** CHK_RES_*: unknown 0, failed 2, passed 3. */
  static int checkResult(String status) {
    if (status.isEmpty()) {
      return 0;
    }
    return CheckStatus.valueOf(status).passed() ? 3 : 2;
  }
}
