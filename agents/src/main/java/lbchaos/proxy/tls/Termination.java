package lbchaos.proxy.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import lbchaos.proxy.config.BindTls;

/**
 * TLS on one bind line, as haproxy 2.6 terminates it: every "crt" (a file, or each file of a
 * directory in name order) is loaded when the proxy starts; the first is the default, a later
 * one is presented when the client's SNI matches its CN or one of its DNS names ("*.example.org"
 * matches one label), else the default. BoringSSL where it loads ({@link TlsLibrary}).
 */
public final class Termination {

  /** haproxy skips these in a crt directory (configuration.txt 5.1 "crt"). */
  private static final List<String> RESERVED = List.of(".key", ".issuer", ".ocsp", ".sctl");

  private final SslContext first;
  private final Mapping<String, SslContext> bySni;
  private final long handshakeTimeoutMillis;

  private Termination(SslContext first, Mapping<String, SslContext> bySni,
      long handshakeTimeoutMillis) {
    this.first = first;
    this.bySni = bySni;
    this.handshakeTimeoutMillis = handshakeTimeoutMillis;
  }

  /**
   * Loads the certificates of {@code tls}.
   *
   * @param handshake the frontend's "timeout client", which bounds the handshake as it bounds
   *     any wait for the client; empty: unbounded, as haproxy without it
   * @throws IllegalArgumentException naming the file and the bind line when a crt cannot be read
   */
  public static Termination of(BindTls tls, Path config, Optional<Duration> handshake) {
    List<PemBundle> bundles = new ArrayList<>();
    for (String crt : tls.certs()) {
      for (Path p : files(Path.of(crt), tls, config)) {
        try {
          bundles.add(PemBundle.read(p));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
          throw new IllegalArgumentException("parsing [" + config + ":" + tls.line() + "] : '"
              + "crt' : " + e.getMessage(), e);
        }
      }
    }
    if (bundles.isEmpty()) {
      throw new IllegalArgumentException("parsing [" + config + ":" + tls.line() + "] : no"
          + " certificate found in " + tls.certs());
    }
    List<SslContext> contexts = new ArrayList<>();
    for (PemBundle b : bundles) {
      contexts.add(context(b, tls));
    }
    Mapping<String, SslContext> bySni = null;
    if (contexts.size() > 1) {
      DomainWildcardMappingBuilder<SslContext> m =
          new DomainWildcardMappingBuilder<>(contexts.getFirst());
      // later adds replace earlier ones: the first certificate declared with a name wins
      for (int i = bundles.size() - 1; i >= 0; i--) {
        for (String name : names(bundles.get(i).leaf())) {
          m.add(name, contexts.get(i));
        }
      }
      bySni = m.build();
    }
    return new Termination(contexts.getFirst(), bySni,
        handshake.map(Duration::toMillis).orElse(0L));
  }

  /**
   * The handler to put first on an accepted channel: an SslHandler, or with several
   * certificates an SniHandler that reads the ClientHello and becomes one.
   */
  public ChannelHandler handler(ByteBufAllocator alloc) {
    if (bySni == null) {
      SslHandler h = first.newHandler(alloc);
      h.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
      return h;
    }
    return new SniHandler(bySni, handshakeTimeoutMillis) {
      @Override
      protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
        SslHandler h = super.newSslHandler(context, allocator);
        h.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return h;
      }
    };
  }

  private static SslContext context(PemBundle b, BindTls tls) {
    try {
      SslContextBuilder sb = SslContextBuilder.forServer(b.key(), b.chain())
          .sslProvider(TlsLibrary.provider()).protocols(tls.protocols());
      if (!tls.alpn().isEmpty()) {
        // OpenSSL's ALPN callback in haproxy: a client offering none of ours gets no protocol,
        // the handshake goes on
        sb.applicationProtocolConfig(new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, tls.alpn()));
      }
      return sb.build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IllegalArgumentException("'crt' " + b.file() + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> files(Path crt, BindTls tls, Path config) {
    if (!Files.isDirectory(crt)) {
      if (!Files.isRegularFile(crt)) {
        throw new IllegalArgumentException("parsing [" + config + ":" + tls.line() + "] : 'crt'"
            + " : unable to stat SSL certificate from file '" + crt + "' : No such file or"
            + " directory.");
      }
      return List.of(crt);
    }
    try (Stream<Path> s = Files.list(crt)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> RESERVED.stream().noneMatch(p.getFileName().toString()::endsWith))
          .sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("parsing [" + config + ":" + tls.line() + "] : 'crt'"
          + " : cannot read directory '" + crt + "': " + e.getMessage(), e);
    }
  }

  /** The DNS names a certificate answers for: its DNS subjectAltNames and its CN. */
  static Set<String> names(X509Certificate c) {
    Set<String> out = new LinkedHashSet<>();
    try {
      var sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.getFirst())) {
            out.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no names from the extension: the CN alone
    }
    try {
      for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          out.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
        }
      }
    } catch (InvalidNameException e) {
      // a subject the JDK printed cannot fail to parse; if it does, SANs only
    }
    return out;
  }
}
