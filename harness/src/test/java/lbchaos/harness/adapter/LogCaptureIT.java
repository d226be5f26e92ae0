package lbchaos.harness.adapter;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import lbchaos.harness.fault.Faults;
import lbchaos.harness.fault.Nemesis;
import lbchaos.harness.topology.Lab;
import lbchaos.harness.topology.LabSpec;
import lbchaos.harness.topology.Node;
import lbchaos.harness.topology.Stack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the tool that captured the real keepalived, haproxy and observer lines under
 * src/test/resources/logs. Run it again when the base image's daemons change:
 * {@code mvn -pl harness -am verify -Dit.test=LogCaptureIT -Dlbchaos.capture=true ...}; it
 * writes target/captured-logs/NODE.log (the text of each line the container printed, in order).
 */
@EnabledIfSystemProperty(named = "lbchaos.capture", matches = "true")
class LogCaptureIT {

  final List<Node.Line> lines = new CopyOnWriteArrayList<>();

  /** Generous: keepalived and haproxy start, then the article's 1 s adverts and 2 s checks. */
  static final Duration STEP = Duration.ofSeconds(40);

  @Test
  void captureTheDaemonsOutputAcrossFailures() throws IOException {
    try (Lab lab = Lab.start(LabSpec.article(Stack.REFERENCE), lines::add, System.out);
        Nemesis nemesis = new Nemesis(lab, e -> System.out.println("event " + e))) {
      if (false) {
      var diag = lab.node("observer").exec(Duration.ofSeconds(10), "timeout", "3", "tcpdump",
          "-p", "-i", "eth0", "-c", "2", "-w", "/dev/null", "ip proto 112");
      System.out.println("DIAG " + diag);
      var diag2 = lab.node("observer").exec(Duration.ofSeconds(10), "timeout", "3", "tcpdump",
          "-Z", "root", "-p", "-i", "eth0", "-c", "2", "-w", "/dev/null", "ip proto 112");
      System.out.println("DIAG2 " + diag2);
      }
      seen("lb1 master", l -> l.node().equals("loadbalancer-1")
          && l.text().contains("Entering MASTER"));
      seen("lb2 backup", l -> l.node().equals("loadbalancer-2")
          && l.text().contains("Entering BACKUP"));

      var webKill = Faults.kill("webserver-1");
      nemesis.inject(webKill);
      seen("webserver-1 down", l -> l.text().contains("backend-1 is DOWN"));
      nemesis.heal(webKill);
      seen("webserver-1 up", l -> l.text().contains("backend-1 is UP"));

      var vrrp = Faults.blockVrrp();
      nemesis.inject(vrrp);
      seen("lb2 master (split brain)", l -> l.node().equals("loadbalancer-2")
          && l.text().contains("Entering MASTER"));
      int before = lines.size();
      nemesis.heal(vrrp);
      seenAfter(before, "lb2 back to backup", l -> l.node().equals("loadbalancer-2")
          && l.text().contains("Entering BACKUP"));

      before = lines.size();
      var stop = Faults.stop("loadbalancer-1");
      nemesis.inject(stop);
      seenAfter(before, "lb2 master after stop", l -> l.node().equals("loadbalancer-2")
          && l.text().contains("Entering MASTER"));
      before = lines.size();
      nemesis.heal(stop);
      seenAfter(before, "lb1 master again", l -> l.node().equals("loadbalancer-1")
          && l.text().contains("Entering MASTER"));

      before = lines.size();
      var kill = Faults.kill("loadbalancer-1");
      nemesis.inject(kill);
      seenAfter(before, "lb2 master after kill", l -> l.node().equals("loadbalancer-2")
          && l.text().contains("Entering MASTER"));
      before = lines.size();
      nemesis.heal(kill);
      seenAfter(before, "lb1 master after restart", l -> l.node().equals("loadbalancer-1")
          && l.text().contains("Entering MASTER"));

      before = lines.size();
      var hp = Faults.killHaproxy("loadbalancer-2");
      nemesis.inject(hp);
      nemesis.heal(hp);
      seenAfter(before, "lb2 haproxy back", l -> l.node().equals("loadbalancer-2")
          && l.text().contains("backend-2 is UP") || l.text().contains("Loading success"));
      await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
    } finally {
      write();
    }
  }

  void seen(String what, Predicate<Node.Line> p) {
    seenAfter(0, what, p);
  }

  void seenAfter(int from, String what, Predicate<Node.Line> p) {
    await(what).atMost(STEP).pollInterval(Duration.ofMillis(200))
        .until(() -> lines.subList(from, lines.size()).stream().anyMatch(p));
    System.out.println("capture: " + what);
  }

  void write() throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "captured-logs"));
    for (String node : lines.stream().map(Node.Line::node).distinct().toList()) {
      StringBuilder sb = new StringBuilder();
      lines.stream().filter(l -> l.node().equals(node))
          .forEach(l -> sb.append(l.atMicros()).append('\t').append(l.text()).append('\n'));
      Files.writeString(dir.resolve(node + ".log"), sb);
    }
  }
}
