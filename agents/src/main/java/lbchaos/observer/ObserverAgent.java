package lbchaos.observer;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Optional;
import lbchaos.event.AdvertSeen;
import lbchaos.event.Event;
import lbchaos.event.Events;
import lbchaos.event.GarpSeen;

/**
 * The {@code observer} agent: reads the pcap stream of
 * {@code tcpdump -i eth0 -U -s 256 -w - 'ip proto 112 or ip6 proto 112 or arp'} on stdin (or
 * {@code --file}),
 * writes an AdvertSeen or GarpSeen JSON line per advert or gratuitous ARP, and at the end of the
 * stream an {@link ObserverStats} line. Frames it cannot use are counted, never fatal.
 */
public final class ObserverAgent {

  static final String USAGE = """
      usage: tcpdump -i eth0 -U -s 256 -w - 'ip proto 112 or ip6 proto 112 or arp' | observer [--name observer]
             observer --file capture.pcap [--name observer]
      """;

  private ObserverAgent() {}

  public static int main(String[] args) throws IOException {
    String name = "observer";
    String file = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--name", "--file" -> {
          if (i + 1 >= args.length) {
            System.err.println("observer: " + args[i] + " needs a value");
            System.err.print(USAGE);
            return 2;
          }
          if (args[i].equals("--name")) {
            name = args[++i];
          } else {
            file = args[++i];
          }
        }
        default -> {
          System.err.println("observer: unknown option '" + args[i] + "'");
          System.err.print(USAGE);
          return 2;
        }
      }
    }
    try (InputStream in = file == null ? System.in : new FileInputStream(file)) {
      return run(in, System.out, System.err, name);
    }
  }

  /** Decodes the whole stream; returns 0 at its end, 1 when it is not a pcap stream at all. */
  public static int run(InputStream in, PrintStream out, PrintStream err, String name)
      throws IOException {
    ObserverStats.Tally tally = new ObserverStats.Tally();
    try (PcapReader reader = new PcapReader(in)) {
      int linkType;
      try {
        linkType = reader.header().linkType();
      } catch (PcapReader.PcapFormatException e) {
        err.println("observer: " + e.getMessage());
        return 1;
      }
      Optional<PcapReader.Record> r;
      while ((r = reader.next()).isPresent()) {
        tally.frames++;
        switch (Frames.decode(linkType, r.get().atMicros(), r.get().data(), name)) {
          case Frames.Decoded.Seen(Event e) -> {
            if (e instanceof AdvertSeen) {
              tally.adverts++;
            } else if (e instanceof GarpSeen) {
              tally.garps++;
            }
            Events.emit(out, e);
          }
          case Frames.Decoded.Skipped(String reason) -> tally.skipped.merge(reason, 1L, Long::sum);
        }
      }
      String stats = tally.freeze(name, reader).toJson();
      synchronized (out) {
        out.println(stats);
        out.flush();
      }
    }
    return 0;
  }
}
