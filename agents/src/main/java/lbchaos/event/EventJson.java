package lbchaos.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes an event as its JSON line with jackson-core's streaming generator, field by field, the
 * same bytes databind writes for the {@link Event} type (the type name first, then the record's
 * components in order, nulls written as null unless the component says to omit them, enums by
 * name): {@code EventJsonTest} holds it to databind's output for every kind, and the harness
 * reads the lines with {@link Events#parse} as before.
 *
 * <p>Why not databind here: every agent writes events, and databind's serialiser set-up loads
 * about 530 classes (a fifth of the VRRP agent's) and its introspection's garbage; the agents
 * only write, so they need none of it. Reading stays with databind ({@link Events#parse}), in
 * the harness's JVM.
 */
final class EventJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private EventJson() {}

  static String write(Event e) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      fields(g, e);
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot serialise " + e, ex);
    }
    return out.toString();
  }

  private static void fields(JsonGenerator g, Event e) throws IOException {
    switch (e) {
      case ProbeSample p -> {
        head(g, "probe", p);
        g.writeNumberField("endAt", p.endAt());
        string(g, "backend", p.backend());
        string(g, "error", p.error());
      }
      case VrrpStateChange v -> {
        head(g, "vrrp-state", v);
        string(g, "instance", v.instance());
        string(g, "from", v.from());
        string(g, "to", v.to());
        string(g, "reason", v.reason());
        if (v.takeover() != null) {
          g.writeObjectFieldStart("takeover");
          g.writeNumberField("dueAt", v.takeover().dueAt());
          g.writeNumberField("firedAt", v.takeover().firedAt());
          g.writeNumberField("advertAt", v.takeover().advertAt());
          g.writeEndObject();
        }
      }
      case AdvertSeen a -> {
        head(g, "advert", a);
        string(g, "from", a.from());
        g.writeNumberField("vrid", a.vrid());
        g.writeNumberField("priority", a.priority());
        g.writeNumberField("version", a.version());
        g.writeNumberField("intervalCentis", a.intervalCentis());
        g.writeBooleanField("checksumOk", a.checksumOk());
        g.writeNumberField("ttl", a.ttl());
        string(g, "frame", a.frame());
      }
      case GarpSeen a -> {
        head(g, "garp", a);
        string(g, "ip", a.ip());
        string(g, "mac", a.mac());
      }
      case ServerState s -> {
        head(g, "server", s);
        string(g, "backend", s.backend());
        string(g, "server", s.server());
        g.writeBooleanField("up", s.up());
        string(g, "reason", s.reason());
        g.writeNumberField("checkMillis", s.checkMillis());
      }
      case VipChange v -> {
        head(g, "vip", v);
        string(g, "vip", v.vip());
        g.writeBooleanField("added", v.added());
      }
      case FaultEvent f -> {
        head(g, "fault", f);
        string(g, "fault", f.fault());
        string(g, "target", f.target());
        string(g, "phase", f.phase());
        string(g, "detail", f.detail());
      }
      case VrrpDrop d -> {
        head(g, "vrrp-drop", d);
        string(g, "reason", d.reason());
        string(g, "from", d.from());
        g.writeNumberField("count", d.count());
      }
      case NotifyRun n -> {
        head(g, "notify", n);
        string(g, "instance", n.instance());
        string(g, "state", n.state());
        string(g, "script", n.script());
      }
      case LogLine l -> {
        head(g, "log", l);
        string(g, "line", l.line());
      }
      case NodeExit x -> {
        head(g, "exit", x);
        string(g, "node", x.node());
        g.writeNumberField("exitCode", x.exitCode());
      }
      case NeighbourSeen n -> {
        head(g, "neighbour", n);
        string(g, "ip", n.ip());
        string(g, "mac", n.mac());
        string(g, "state", n.state());
      }
      case ConfigReload r -> {
        head(g, "reload", r);
        g.writeBooleanField("applied", r.applied());
        string(g, "detail", r.detail());
      }
      case SlowRequest s -> {
        head(g, "slow-request", s);
        g.writeNumberField("startAt", s.startAt());
        g.writeNumberField("lines", s.lines());
        string(g, "answer", s.answer());
        g.writeBooleanField("cut", s.cut());
      }
      case AccessLog a -> accessLog(g, a);
    }
  }

  private static void accessLog(JsonGenerator g, AccessLog a) throws IOException {
    head(g, "access-log", a);
    string(g, "mode", a.mode());
    string(g, "client", a.client());
    string(g, "frontend", a.frontend());
    string(g, "backend", a.backend());
    string(g, "server", a.server());
    g.writeNumberField("tR", a.tR());
    g.writeNumberField("tw", a.tw());
    g.writeNumberField("tc", a.tc());
    g.writeNumberField("tr", a.tr());
    g.writeNumberField("ta", a.ta());
    g.writeNumberField("status", a.status());
    g.writeNumberField("bytes", a.bytes());
    string(g, "termination", a.termination());
    g.writeNumberField("actconn", a.actconn());
    g.writeNumberField("feconn", a.feconn());
    g.writeNumberField("beconn", a.beconn());
    g.writeNumberField("srvconn", a.srvconn());
    g.writeNumberField("retries", a.retries());
    g.writeNumberField("srvQueue", a.srvQueue());
    g.writeNumberField("backendQueue", a.backendQueue());
    string(g, "request", a.request());
  }

  /** The type name ({@link Event}'s {@code @JsonSubTypes}), then the fields every event has. */
  private static void head(JsonGenerator g, String type, Event e) throws IOException {
    g.writeStringField("type", type);
    g.writeNumberField("at", e.at());
    string(g, "source", e.source());
  }

  /** A string, or an enum by its name, or null. */
  private static void string(JsonGenerator g, String name, Object value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value instanceof Enum<?> en ? en.name() : (String) value);
    }
  }
}
