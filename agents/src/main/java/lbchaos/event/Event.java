package lbchaos.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One thing that happened, somewhere in the topology, at a time on the kernel clock that all
 * containers share. Every source writes these as JSON lines (see {@link Events}); the harness
 * merges them into one History.
 *
 * <p>{@code at} is microseconds since the Unix epoch (CLOCK_REALTIME). {@code source} names the
 * container or program that saw it ("loadbalancer-1", "client", "observer", "harness").
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ProbeSample.class, name = "probe"),
    @JsonSubTypes.Type(value = VrrpStateChange.class, name = "vrrp-state"),
    @JsonSubTypes.Type(value = AdvertSeen.class, name = "advert"),
    @JsonSubTypes.Type(value = GarpSeen.class, name = "garp"),
    @JsonSubTypes.Type(value = ServerState.class, name = "server"),
    @JsonSubTypes.Type(value = VipChange.class, name = "vip"),
    @JsonSubTypes.Type(value = FaultEvent.class, name = "fault"),
    @JsonSubTypes.Type(value = VrrpDrop.class, name = "vrrp-drop"),
    @JsonSubTypes.Type(value = NotifyRun.class, name = "notify"),
    @JsonSubTypes.Type(value = LogLine.class, name = "log"),
    @JsonSubTypes.Type(value = NodeExit.class, name = "exit"),
    @JsonSubTypes.Type(value = NeighbourSeen.class, name = "neighbour"),
    @JsonSubTypes.Type(value = ConfigReload.class, name = "reload"),
    @JsonSubTypes.Type(value = SlowRequest.class, name = "slow-request"),
    @JsonSubTypes.Type(value = AccessLog.class, name = "access-log"),
})
public sealed interface Event
    permits ProbeSample, VrrpStateChange, AdvertSeen, GarpSeen, ServerState, VipChange, FaultEvent,
        VrrpDrop, NotifyRun, LogLine, NodeExit, NeighbourSeen, ConfigReload, SlowRequest,
        AccessLog {

  /** Microseconds since the epoch, kernel realtime clock. */
  long at();

  /** Who saw it: a container name, "observer" or "harness". */
  String source();
}
