package lbchaos.proxy.net;

import io.netty.channel.Channel;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.proxy.balance.Member;

/**
 * A client session's own idle server connections, for {@code http-reuse never}: haproxy 2.6
 * marks such a server connection private and keeps it with its client's session after the
 * response; that session's later requests to the same server go over it, no other session's
 * do, and it closes with the session. haproxy keeps at most {@code max-session-srv-conns} of them
 * (5 by default); one more is closed when its exchange ends. Event-loop state: a client channel
 * and its server channels share one loop.
 */
final class SessionConnections {

  private final Map<Member, Channel> idle = new IdentityHashMap<>(4);
  private final int max;

  /** @param max the frontend's "max-session-srv-conns" */
  SessionConnections(int max) {
    this.max = max;
  }

  /** The session's idle connection to {@code m}, out of its idle watch, if it has one. */
  Optional<Channel> take(Member m) {
    Channel ch = idle.remove(m);
    if (ch == null || !ch.isActive()) {
      return Optional.empty();
    }
    ServerLeg.of(ch).end();
    return Optional.of(ch);
  }

  /** Keeps {@code ch}, whose exchange with {@code m} has ended, for this session's next. */
  void keep(Member m, Channel ch) {
    if (idle.size() >= max && !idle.containsKey(m)) {
      ch.close();
      return;
    }
    Channel before = idle.put(m, ch);
    if (before != null) {
      // a redispatched request connected anew to a server this session had one idle to (the
      // reuse is tried for the first server picked only): the older goes; haproxy keeps both
      before.close();
    }
    ServerLeg.of(ch).park(() -> idle.remove(m, ch));
  }

  /** The client's connection has closed: so do its server connections. */
  void closeAll() {
    List<Channel> all = List.copyOf(idle.values());
    idle.clear();
    all.forEach(Channel::close);
  }
}
