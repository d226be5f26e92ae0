package lbchaos.proxy.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * The TLS implementation behind every context the proxy makes, on its binds, to its servers and
 * in its checks: BoringSSL through netty-tcnative (OpenSSL's API and assembly, as haproxy's TLS)
 * wherever its native library loads, which the agents' jar carries for linux-x86_64. Elsewhere
 * the JDK's provider, with a warning: the same protocol at more CPU per handshake and per byte
 * (BENCHMARKS.md: about twice BoringSSL's per handshake). Which one is said once on stderr
 * ("proxy: TLS by BoringSSL (netty-tcnative)").
 * Decided on first use, so a configuration without TLS never loads the library.
 */
final class TlsLibrary {

  private TlsLibrary() {}

  private static final class Holder {
    static final SslProvider PROVIDER = choose();
  }

  /** OPENSSL (BoringSSL) or, where it did not load, JDK. */
  static SslProvider provider() {
    return Holder.PROVIDER;
  }

  private static SslProvider choose() {
    boolean boring = OpenSsl.isAvailable();
    // said once, as the start line says the transport: the bench reports both beside its rows
    System.err.println("proxy: TLS by " + (boring ? OpenSsl.versionString() + " (netty-tcnative)"
        : "the JDK's provider"));
    if (boring) {
      return SslProvider.OPENSSL;
    }
    System.err.println("[WARNING] TLS: BoringSSL (netty-tcnative) did not load here ("
        + OpenSsl.unavailabilityCause() + "); the JDK's TLS is used instead, the same protocol"
        + " at more CPU per handshake and per byte");
    return SslProvider.JDK;
  }
}
