package lbchaos.probe;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The probe's TLS client, which accepts any server certificate (curl -k): it measures which
 * server answers and when, not who signed the VIP's certificate (see ProbeConfig#tls).
 */
final class TrustAll implements X509TrustManager {

  private TrustAll() {}

  static SSLSocketFactory factory() {
    try {
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(null, new TrustManager[] {new TrustAll()}, null);
      return c.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS", e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("a client-side trust manager");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    // any certificate: see the class comment
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
