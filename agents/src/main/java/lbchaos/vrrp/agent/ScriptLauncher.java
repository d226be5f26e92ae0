package lbchaos.vrrp.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs track and notify scripts for an agent that has dropped root. keepalived runs its scripts
 * as {@code script_user} (root when the config says so, as the article's does); a process that
 * gave up setuid cannot start anything as another user, so before the drop the agent starts
 * this small helper, which stays as it was (root) and starts each script, through
 * {@code setpriv} when the script user is not root. Nothing but the agent's requests reach it:
 * it reads its stdin, a pipe only the agent holds, and exits when that pipe closes.
 *
 * <p>Requests are one line each, fields separated by US (0x1f), which no sane argument holds:
 * {@code id kind seconds argv...}; kind is {@code check} (answered {@code id exitcode}, killed
 * after the timeout as keepalived does) or {@code notify} (not answered, not waited for).
 */
final class ScriptLauncher implements AutoCloseable {

  static final char SEP = 0x1f;

  /** Whom scripts run as when it differs from the helper: setpriv's user and group. */
  record RunAs(String user, int gid, boolean byName) {}

  // $1 $2 $3: setpriv's --reuid, --regid and groups option, or nothing (run as the helper).
  private static final String HELPER = """
      as=()
      if [ -n "${1-}" ]; then as=(setpriv "--reuid=$1" "--regid=$2" "$3" --); fi
      while IFS=$'\\x1f' read -r -a r; do
        id=${r[0]}; kind=${r[1]}; secs=${r[2]}; argv=("${r[@]:3}")
        if [ "$kind" = check ]; then
          ( timeout -s KILL "$secs" "${as[@]}" "${argv[@]}" </dev/null >/dev/null 2>&1
            echo "$id $?" ) &
        else
          ( exec "${as[@]}" "${argv[@]}" </dev/null >/dev/null ) &
        fi
      done
      """;

  /** The answer comes a little after the script's own timeout: process start and the pipe. */
  static final Duration ANSWER_MARGIN = Duration.ofSeconds(2);

  private final Process helper;
  private final OutputStream requests;
  private final Map<Long, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  private ScriptLauncher(Process helper) {
    this.helper = helper;
    this.requests = helper.getOutputStream();
    Thread.ofPlatform().daemon().name("script-answers").start(this::readAnswers);
  }

  /** Starts the helper with this process's identity; scripts run as {@code runAs} if given. */
  static ScriptLauncher start(Optional<RunAs> runAs) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", HELPER, "lbchaos-scripts"));
    runAs.ifPresent(r -> cmd.addAll(List.of(r.user(), Integer.toString(r.gid()),
        r.byName() ? "--init-groups" : "--clear-groups")));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new ScriptLauncher(p);
  }

  /** One request line (without the newline); arguments must not hold US or a line break. */
  static String request(long id, String kind, Duration timeout, List<String> argv) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("no command");
    }
    StringBuilder b = new StringBuilder().append(id).append(SEP).append(kind).append(SEP)
        .append(String.format(Locale.ROOT, "%.3f", timeout.toNanos() / 1e9));
    for (String a : argv) {
      if (a.isEmpty() || a.indexOf(SEP) >= 0 || a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("argument cannot be passed to the script helper: '"
            + a + "'");
      }
      b.append(SEP).append(a);
    }
    return b.toString();
  }

  /** An answer line {@code id exitcode} as (id, code); empty when it is not one. */
  static Optional<long[]> answer(String line) {
    String[] w = line.strip().split(" ");
    if (w.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new long[] {Long.parseLong(w[0]), Integer.parseInt(w[1])});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void readAnswers() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(helper.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        answer(line).ifPresent(a -> {
          CompletableFuture<Integer> f = pending.remove(a[0]);
          if (f != null) {
            f.complete((int) a[1]);
          }
        });
      }
    } catch (IOException e) {
      // the helper is gone: pending checks time out and count as failed
    }
  }

  private synchronized void send(String line) throws IOException {
    requests.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    requests.flush();
  }

  /** As {@link Scripts#runCheck}: exit 0 within {@code timeout} is success. */
  boolean runCheck(String line, Duration timeout) {
    List<String> argv = Commands.split(line);
    long id = ids.incrementAndGet();
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      send(request(id, "check", timeout, argv));
      return answer.get(timeout.plus(ANSWER_MARGIN).toNanos(), TimeUnit.NANOSECONDS) == 0;
    } catch (IOException | IllegalArgumentException | TimeoutException
        | java.util.concurrent.ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      pending.remove(id);
    }
  }

  /** As {@link Scripts#startNotify}: started, not waited for. */
  void startNotify(List<String> argv) throws IOException {
    try {
      send(request(ids.incrementAndGet(), "notify", Duration.ZERO, argv));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      requests.close(); // end of input: the helper leaves its loop and exits
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!helper.waitFor(1, TimeUnit.SECONDS)) {
        helper.destroy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
