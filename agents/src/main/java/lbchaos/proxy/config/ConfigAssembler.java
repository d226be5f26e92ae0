package lbchaos.proxy.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lbchaos.proxy.config.ProxySettings.Kind;

/** Turns parsed sections into records and checks what spans sections (names, references). */
final class ConfigAssembler {

  private final Findings findings;

  ConfigAssembler(Findings findings) {
    this.findings = findings;
  }

  /**
   * The config; every error it finds goes to the findings, each at the line it names (the
   * caller throws them).
   */
  HaproxyConfig assemble(Global global, List<ProxySettings> proxies,
      Map<String, HttpErrors> httpErrors) {
    Map<String, ProxySettings> fronts = new HashMap<>();
    Map<String, ProxySettings> backs = new HashMap<>();
    List<Frontend> frontends = new ArrayList<>();
    List<Backend> backends = new ArrayList<>();
    for (ProxySettings p : proxies) {
      if (p.kind.front() && fronts.putIfAbsent(p.name, p) != null
          || p.kind.back() && backs.putIfAbsent(p.name, p) != null) {
        error(p.line, "proxy name '" + p.name + "' is already used");
      }
    }
    for (ProxySettings p : proxies) {
      p.errorFiles = errorFiles(p, httpErrors);
    }
    for (ProxySettings p : proxies) {
      if (p.mode == Mode.TCP && p.firstRuleLine > 0) {
        // haproxy routes a tcp proxy by layer-4 fetches after tcp-request content rules
        findings.refuse(p.firstRuleLine, p.kind.name().toLowerCase(java.util.Locale.ROOT) + " " + p.name
            + ": acl/use_backend if/http-request/http-response in mode tcp",
            "haproxy then evaluates the conditions on the connection; the agent evaluates them"
            + " in mode http only");
      }
      try {
        if (p.kind.back()) {
          backends.add(p.toBackend());
          if (p.timeouts.connect().isEmpty() || p.timeouts.server().isEmpty()) {
            warn(p.line, "missing timeouts for '" + p.name + "': connect and server should be set");
          }
        }
        if (p.kind.front()) {
          if (p.kind == Kind.LISTEN && p.defaultBackend.isEmpty()) {
            p.defaultBackend = Optional.of(p.name);
          }
          frontends.add(p.toFrontend(AccessLogKeywords.frontend(p, global, findings)));
          if (p.timeouts.client().isEmpty()) {
            warn(p.line, "missing timeout client for '" + p.name + "'");
          }
        }
      } catch (IllegalArgumentException e) {
        error(p.line, e.getMessage());
      }
    }
    for (ProxySettings p : proxies) {
      if (!p.kind.front()) {
        continue;
      }
      if (p.defaultBackend.isPresent()) {
        check(p, p.defaultBackend.get(), p.kind == Kind.LISTEN && p.defaultBackendLine == 0
            ? p.line : p.defaultBackendLine, backs);
      }
      // every use_backend, conditional or not, names a backend of the same mode
      for (var sw : p.rules.build().useBackends()) {
        if (sw.dynamic().isEmpty()) {
          check(p, sw.backend(), sw.line(), backs);
        }
      }
      if (p.defaultBackend.isEmpty() && p.useBackends.isEmpty()) {
        warn(p.line, "frontend '" + p.name + "' has no backend; its connections will be closed");
      }
    }
    // stick tables: one per section that declares one, named after it; every table a rule or
    // fetch names must be one (defaults sections hold none)
    Map<String, StickTable> tables = new java.util.LinkedHashMap<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (ProxySettings p : proxies) {
      p.stickTable.ifPresent(t -> tables.put(t.name(), t));
      if (p.stickTable.isPresent() || p.refusedTable) {
        names.add(p.name);
      }
    }
    for (ProxySettings p : proxies) {
      for (var ref : p.tableRefs) {
        if (!names.contains(ref.getValue().table())) {
          error(ref.getKey(), ref.getValue().error() + " in "
              + p.kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + p.name + "'");
        }
      }
    }
    Map<Integer, ErrorFile> errorFiles = new java.util.TreeMap<>();
    proxies.forEach(p -> p.errorFiles.values().forEach(f -> errorFiles.put(f.line(), f)));
    httpErrors.values().forEach(s -> s.files().values().forEach(f -> errorFiles.put(f.line(), f)));
    List<PatternFile> patternFiles = proxies.stream().flatMap(p -> p.patternFiles.stream())
        .sorted(java.util.Comparator.comparingInt(PatternFile::line)).toList();
    return new HaproxyConfig(findings.file(), global, frontends, backends,
        List.copyOf(tables.values()), List.copyOf(errorFiles.values()), patternFiles,
        findings.warnings(), findings.refusals());
  }

  /**
   * A proxy's errorfiles by status, its lines taken in order as haproxy 2.6 takes them once the
   * file is read (http_htx.c proxy_check_errors): an errorfiles line puts the section's files
   * for its statuses, warning of a status the section does not have.
   */
  private Map<Integer, ErrorFile> errorFiles(ProxySettings p, Map<String, HttpErrors> sections) {
    Map<Integer, ErrorFile> out = new java.util.TreeMap<>();
    for (ErrorLine line : p.errorLines) {
      switch (line) {
        case ErrorFile f -> out.put(f.status(), f);
        case HttpErrors.Use use -> {
          HttpErrors s = sections.get(use.name());
          if (s == null) {
            error(use.line(), "proxy '" + p.name + "': unknown http-errors section '"
                + use.name() + "'");
            continue;
          }
          if (use.statuses().isEmpty()) {
            out.putAll(s.files());
          }
          for (int status : use.statuses()) {
            if (s.files().containsKey(status)) {
              out.put(status, s.files().get(status));
            } else {
              warn(use.line(), "proxy '" + p.name + "' : status '" + status + "' not declared"
                  + " in http-errors section '" + s.name() + "'");
            }
          }
        }
      }
    }
    return out;
  }

  private void check(ProxySettings front, String name, int line,
      Map<String, ProxySettings> backs) {
    ProxySettings b = backs.get(name);
    if (b == null) {
      error(line, "'" + front.name + "' refers to unknown backend '" + name + "'");
    } else if (b.mode != front.mode) {
      error(line, "'" + front.name + "' (mode "
          + front.mode.name().toLowerCase(java.util.Locale.ROOT) + ") cannot use backend '" + name
          + "' (mode " + b.mode.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
  }

  private void warn(int line, String message) {
    findings.warn(line, message);
  }

  private void error(int line, String message) {
    findings.error(line, message);
  }
}
