package lbchaos.harness.topology;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import lbchaos.harness.config.ReferenceConfigs.FileSpec;
import lbchaos.harness.docker.Docker;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A running container of the topology. Closing it removes it. */
public final class Node implements AutoCloseable {

  /** A log line with the time the engine read it (microseconds, kernel clock). */
  public record Line(long atMicros, String node, String text) {}

  /** What a command run in a node printed, and how it ended. */
  public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** How long a network command in the node's namespace may take on a loaded machine. */
  private static final Duration NET_ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final String NET_ADMIN = "NET_ADMIN";
  /**
   * What a node whose daemon needs no NET_ADMIN holds only until its command starts: NET_ADMIN
   * for the harness, SETPCAP for the wrapper to drop both ({@code isolated --drop}).
   */
  static final List<String> LENT = List.of(NET_ADMIN, "SETPCAP");

  private final DockerClient docker;
  private final NodeSpec spec;
  private final String id;
  private final String image;
  private final RunId run;
  private final LabNetwork network;
  private volatile Closeable logs;
  private volatile Consumer<Line> sink;
  /** The node whose network namespace this one runs in (a team's webserver), or null. */
  private volatile Node netnsOf;
  /** The container holds NET_ADMIN (its own or {@link #LENT}), so docker exec can use it. */
  private boolean execNetAdmin;
  /** Helpers in this node's namespace that must follow it into a new one (the wire tap). */
  private final List<Node> beside = new java.util.concurrent.CopyOnWriteArrayList<>();

  private Node(DockerClient docker, NodeSpec spec, String id, String image, RunId run,
      LabNetwork network) {
    this.docker = docker;
    this.spec = spec;
    this.id = id;
    this.image = image;
    this.run = run;
    this.network = network;
  }

  /**
   * Creates the container, copies its files in, starts it and closes its way out of the test
   * network ({@link Egress}). Its command runs behind the image's {@code isolated} wrapper, which
   * waits for that before it starts the daemons.
   */
  static Node start(DockerClient docker, String image, LabNetwork network, RunId run,
      NodeSpec spec) {
    return start(docker, image, network, run, spec, spec.name());
  }

  /**
   * The spec's sysctls; on a dual-stack network IPv6 turned on in the container's namespace
   * (Docker leaves net.ipv6.conf.*.disable_ipv6 at 1 otherwise), as container sysctls: no
   * privilege.
   */
  static Map<String, String> sysctls(NodeSpec spec, boolean ipv6) {
    if (!ipv6) {
      return spec.sysctls();
    }
    Map<String, String> out = new HashMap<>(spec.sysctls());
    out.put("net.ipv6.conf.all.disable_ipv6", "0");
    out.put("net.ipv6.conf.default.disable_ipv6", "0");
    return out;
  }

  /**
   * As above, the container named and labelled {@code as} (its hostname stays the spec's name):
   * a namespace holder for a team's webserver gives that name to the team's container.
   */
  static Node start(DockerClient docker, String image, LabNetwork network, RunId run,
      NodeSpec spec, String as) {
    Map<String, String> labels = new HashMap<>(Labels.of(run));
    labels.put("io.lbchaos.node", as);
    List<String> command = new ArrayList<>(List.of("isolated"));
    List<String> caps = new ArrayList<>(spec.capabilities());
    if (!caps.contains(NET_ADMIN)) {
      // Lent for the harness's own docker exec (the egress filter, network faults): a helper
      // container per namespace instead costs a container start (1.2-1.9 s on two busy cores),
      // on the path to every topology's start. The wrapper drops both from the bounding set
      // before the node's command runs, so its daemon never holds them.
      caps.addAll(LENT);
      command.addAll(List.of("--drop", String.join(",", LENT).toLowerCase(Locale.ROOT)));
    }
    command.addAll(spec.command());
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode(network.name())
        .withCapDrop(Capability.ALL)
        .withCapAdd(caps.stream().map(Capability::valueOf).toArray(Capability[]::new))
        .withSysctls(sysctls(spec, network.ipv6()))
        .withPrivileged(false)
        .withInit(false)
        .withExtraHosts(spec.hosts().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
            .sorted().toArray(String[]::new));
    var create = docker.createContainerCmd(image)
        .withName("lbchaos-" + run + "-" + as)
        .withHostName(spec.name())
        .withLabels(labels)
        .withCmd(command)
        .withIpv4Address(spec.ip())
        .withHostConfig(host);
    if (network.ipv6()) {
      create = create.withIpv6Address(network.ipv6Of(spec.ip()));
    }
    String id = create.exec().getId();
    Node node = new Node(docker, spec, id, image, run, network);
    node.execNetAdmin = true;
    try {
      if (!spec.files().isEmpty()) {
        docker.copyArchiveToContainerCmd(id).withRemotePath("/")
            .withTarInputStream(new ByteArrayInputStream(tar(spec))).exec();
      }
      docker.startContainerCmd(id).exec();
      node.isolate();
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /**
   * A team's webserver image in the network namespace of {@code holder}, a node of the harness's
   * image that holds the webserver's address and whose way out of the test network is already
   * closed: so the team's process, which runs its image's own command and cannot wait for the
   * egress filter as the harness's {@code isolated} wrapper does, never sees a way out. Its
   * hostname is the holder's (the webserver's name), and it keeps the engine's default
   * capabilities (an unknown application's needs), none of which can change that filter. A kill
   * and restart keeps the holder's namespace; {@link #isolate} (through a helper of
   * {@code helperImage}) finds the filter in place.
   */
  static Node startInNetns(DockerClient docker, String helperImage, Node holder, RunId run,
      NodeSpec spec, String ownImage, Map<String, String> env) {
    Map<String, String> labels = new HashMap<>(Labels.of(run));
    labels.put("io.lbchaos.node", spec.name());
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode("container:" + holder.containerId())
        .withPrivileged(false);
    String id = docker.createContainerCmd(ownImage)
        .withName("lbchaos-" + run + "-" + spec.name())
        .withLabels(labels)
        .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        .withHostConfig(host)
        .exec().getId();
    Node node = new Node(docker, spec, id, helperImage, run, holder.network());
    node.netnsOf = holder;
    return node.started(() -> { });
  }

  /**
   * A helper of the harness's image in {@code target}'s network namespace, for as long as the
   * target lives, its output followed as lines of {@code spec}'s name: the wire tap. Labelled as
   * a helper, not a node, so its exit is no node's exit (it ends whenever its target does), and
   * started again whenever the target is ({@link #startAgain}): joined to the namespace the
   * target has then. Its capabilities are the spec's, nothing else, never privileged.
   */
  static Node startBeside(DockerClient docker, String image, Node target, RunId run,
      NodeSpec spec, Consumer<Line> lines) {
    Map<String, String> labels = new HashMap<>(Labels.of(run));
    labels.put(HelperContainer.LABEL, spec.name());
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode("container:" + target.containerId())
        .withCapDrop(Capability.ALL)
        .withCapAdd(spec.capabilities().stream().map(Capability::valueOf)
            .toArray(Capability[]::new))
        .withPrivileged(false);
    String id = docker.createContainerCmd(image)
        .withName("lbchaos-" + run + "-" + spec.name().replace('@', '-'))
        .withLabels(labels)
        .withCmd(spec.command())
        .withHostConfig(host)
        .exec().getId();
    Node node = new Node(docker, spec, id, image, run, target.network());
    node.netnsOf = target;
    node.started(() -> node.follow(lines));
    target.beside.add(node);
    return node;
  }

  /** Starts the created container, then {@code then}; removes it if either fails. */
  private Node started(Runnable then) {
    try {
      docker.startContainerCmd(id).exec();
      then.run();
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static byte[] tar(NodeSpec spec) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (FileSpec f : spec.files()) {
        byte[] content = f.content().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.path().replaceFirst("^/", ""));
        e.setSize(content.length);
        e.setMode(0100000 | f.mode());
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot pack files for " + spec.name(), e);
    }
    return bytes.toByteArray();
  }

  /**
   * When an LB's daemons were let go (the harness's go file, see {@code Lab}), in epoch
   * microseconds on the kernel's clock the containers share; empty for a node never held. Its
   * wrapper notices within 20 ms (its poll).
   */
  public java.util.OptionalLong releasedMicros() {
    ExecResult r = exec(Duration.ofSeconds(10), "stat", "-c", "%.6Y", Lab.RELEASE);
    if (!r.ok()) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(Math.round(Double.parseDouble(r.stdout().strip()) * 1e6));
  }

  public String name() {
    return spec.name();
  }

  public String ip() {
    return spec.ip();
  }

  public NodeSpec spec() {
    return spec;
  }

  public String containerId() {
    return id;
  }

  /** The MAC address of the node's interface on its test network, as the engine assigned it. */
  public String mac() {
    var networks = docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks();
    return networks.values().stream().map(n -> n.getMacAddress())
        .filter(m -> m != null && !m.isBlank()).findFirst().map(String::toLowerCase)
        .orElseThrow(() -> new IllegalStateException(name() + " has no MAC address"));
  }

  /**
   * Follows the container's output from now on; lines carry the engine's read time. The engine
   * ends a log stream when the container stops, so {@link #startAgain} follows it again.
   */
  public void follow(Consumer<Line> sink) {
    this.sink = sink;
    follow(sink, (System.currentTimeMillis() / 1000 - 60) * 1_000_000L);
  }

  private void follow(Consumer<Line> sink, long sinceMicros) {
    ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public void onNext(Frame frame) {
        partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          String raw = partial.substring(0, nl);
          partial.delete(0, nl + 1);
          int sp = raw.indexOf(' ');
          if (sp > 0) {
            long at = micros(raw.substring(0, sp));
            // The engine's "since" has whole seconds: skip what the previous stream delivered.
            if (at >= sinceMicros) {
              sink.accept(new Line(at, spec.name(), raw.substring(sp + 1)));
            }
          }
        }
      }
    };
    docker.logContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true)
        .withTimestamps(true).withSince((int) (sinceMicros / 1_000_000L)).exec(cb);
    this.logs = cb;
  }

  static long micros(String rfc3339) {
    try {
      Instant t = Instant.parse(rfc3339);
      return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    } catch (RuntimeException e) {
      return lbchaos.event.Events.nowMicros();
    }
  }

  /** Runs a command in the node and waits for it. */
  public ExecResult exec(Duration timeout, String... command) {
    String exec = docker.execCreateCmd(id).withCmd(command).withAttachStdout(true)
        .withAttachStderr(true).exec().getId();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame f) {
        (switch (f.getStreamType()) {
          case STDERR -> err;
          default -> out;
        }).writeBytes(f.getPayload());
      }
    };
    try {
      docker.execStartCmd(exec).exec(cb);
      if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        cb.close();
        throw new IllegalStateException(spec.name() + ": '" + String.join(" ", command)
            + "' did not finish within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
    return new ExecResult(code == null ? -1 : code.intValue(), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** A long command's output being followed: it ends with the command, or when closed. */
  public interface Stream extends Closeable {
    /**
     * Waits at most {@code atMost} for the command to end and its last line to reach the sink;
     * false if it had not by then.
     */
    boolean awaitEnd(Duration atMost) throws InterruptedException;
  }

  /**
   * Runs a long command in the node, feeding each stdout line to {@code sink} until it ends or
   * the returned handle is closed.
   */
  public Stream stream(Consumer<String> sink, String... command) {
    String exec = docker.execCreateCmd(id).withCmd(command).withAttachStdout(true)
        .withAttachStderr(true).exec().getId();
    ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public void onNext(Frame f) {
        if (f.getStreamType() == com.github.dockerjava.api.model.StreamType.STDERR) {
          return;
        }
        partial.append(new String(f.getPayload(), StandardCharsets.UTF_8));
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          sink.accept(partial.substring(0, nl));
          partial.delete(0, nl + 1);
        }
      }
    };
    docker.execStartCmd(exec).exec(cb);
    return new Stream() {
      @Override
      public boolean awaitEnd(Duration atMost) throws InterruptedException {
        return cb.awaitCompletion(atMost.toMillis(), TimeUnit.MILLISECONDS);
      }

      @Override
      public void close() throws IOException {
        cb.close();
      }
    };
  }

  public boolean running() {
    InspectContainerResponse r = docker.inspectContainerCmd(id).exec();
    return Boolean.TRUE.equals(r.getState().getRunning());
  }

  public void kill(String signal) {
    docker.killContainerCmd(id).withSignal(signal).exec();
  }

  public void stop(Duration grace) {
    docker.stopContainerCmd(id).withTimeout((int) Math.max(1, grace.toSeconds())).exec();
  }

  /**
   * Starts a stopped container; a followed node's output is followed again from now. The
   * container comes back in a new network namespace, without the egress filter, and its
   * command waits until it is set again; a team's webserver comes back in its holder's
   * namespace, which kept the filter.
   */
  public void startAgain() {
    long from = lbchaos.event.Events.nowMicros();
    docker.startContainerCmd(id).exec();
    if (netnsOf == null) {
      isolate();
    }
    // else: back in the holder's namespace, closed all along. Setting it again would only delay
    // the heal's timestamp past the team's server answering (it starts without waiting), and a
    // rejoin would seem to come before its heal.

    followAgain(from);
    beside.forEach(Node::rejoin);
  }

  /** A stopped container's log stream ended: a followed node is followed again from then. */
  private void followAgain(long from) {
    Consumer<Line> s = sink;
    if (s != null) {
      closeLogs();
      follow(s, from);
    }
  }

  /**
   * Starts the helpers beside this node again (the wire tap), in the namespace it has now: after
   * something in the namespace ended their capture without a restart (its link went down).
   */
  public void rejoinBeside() {
    beside.forEach(Node::rejoin);
  }

  /**
   * Starts a helper beside its target again, in the target's new namespace. It may still be
   * running in the old one (it has not yet noticed its interface go), and a start of a running
   * container does nothing: it is killed first.
   */
  private void rejoin() {
    try {
      docker.killContainerCmd(id).exec();
    } catch (RuntimeException e) {
      // not running: the usual case, it ended with its target's namespace
    }
    long from = lbchaos.event.Events.nowMicros();
    docker.startContainerCmd(id).exec();
    followAgain(from);
  }

  public void pause() {
    docker.pauseContainerCmd(id).exec();
  }

  public void unpause() {
    docker.unpauseContainerCmd(id).exec();
  }

  public boolean paused() {
    return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getPaused());
  }

  /** The test network the node sits on. */
  public LabNetwork network() {
    return network;
  }

  /**
   * (Re)sets the node's egress filter ({@link Egress}); idempotent. Needed after every start
   * and after Docker reconnects the node (a reconnect puts the default route back).
   */
  public void isolate() {
    if (netnsOf != null) {
      netnsOf.isolate();
      return;
    }
    netAdmin("sh", "-c", network.egress().script());
  }

  /**
   * Runs a network command (iptables, ip, tc) in the node's network namespace with
   * CAP_NET_ADMIN and returns what it printed; fails with its output when it fails. A node that
   * holds NET_ADMIN runs it itself (docker exec, the quickest); for the others, and for a paused
   * node (which cannot exec), a helper container joined to the node's namespace runs it with
   * NET_ADMIN only. Either way it acts on the namespace the node has now: after a restart that
   * is a new one, where nothing a fault set in the old one remains.
   */
  public String netAdmin(String... command) {
    ExecResult r = (execNetAdmin || spec.capabilities().contains(NET_ADMIN)) && !paused()
        ? exec(NET_ADMIN_TIMEOUT, command)
        : HelperContainer.run(docker, image, run, "net-admin " + spec.name(),
            HelperContainer.inNetns(id), NET_ADMIN_TIMEOUT, command);
    if (!r.ok()) {
      throw new IllegalStateException(spec.name() + ": '" + String.join(" ", command)
          + "' failed (exit " + r.exitCode() + "): " + (r.stderr() + r.stdout()).strip());
    }
    return r.stdout();
  }

  /** CFS quota of the node's cgroup; -1 lifts it. */
  public void cpuQuota(long periodMicros, long quotaMicros) {
    docker.updateContainerCmd(id).withCpuPeriod(periodMicros)
        .withCpuQuota(quotaMicros).exec();
  }

  @Override
  public void close() {
    closeLogs();
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (RuntimeException e) {
      // already gone
    }
  }

  private void closeLogs() {
    try {
      if (logs != null) {
        logs.close();
      }
    } catch (IOException e) {
      // the log stream ends with the container anyway
    }
  }

  @Override
  public String toString() {
    return spec.name() + "(" + spec.ip() + ")";
  }

  static String label(String k) {
    return Docker.LABEL + "." + k;
  }
}
