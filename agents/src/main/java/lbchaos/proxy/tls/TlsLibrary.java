package lbchaos.proxy.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * The TLS implementation behind every context the proxy makes, on its binds, to its servers and
 * in its checks: BoringSSL through netty-tcnative (OpenSSL's API and assembly, as haproxy's TLS)
 * wherever its native library loads, which the agents' jar carries for linux-x86_64. Elsewhere
 * the JDK's provider, and the proxy says so once on stderr: it speaks the same protocol at more
 * CPU per handshake and per byte (BENCHMARKS.md: 1.2-2x haproxy's per request over TLS).
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
    if (OpenSsl.isAvailable()) {
      return SslProvider.OPENSSL;
    }
    System.err.println("[WARNING] TLS: BoringSSL (netty-tcnative) did not load here ("
        + OpenSsl.unavailabilityCause() + "); the JDK's TLS is used instead, the same protocol"
        + " at more CPU per handshake and per byte");
    return SslProvider.JDK;
  }
}
