package lbchaos.proxy.config;

import java.util.Objects;
import java.util.Optional;

/**
 * TLS to a server (haproxy 2.6 configuration.txt 5.2: ssl, verify, ca-file, sni, check-sni).
 *
 * @param verify "verify required" (haproxy's default): the server's chain must lead to a CA of
 *     {@code caFile}, and its names must match the SNI when one is sent; "verify none": anything
 * @param caFile PEM file of trusted CAs; read when the proxy starts
 * @param sni the name sent as SNI ("sni str(NAME)" for traffic, "check-sni NAME" for checks)
 * @param line the server line, for errors found when the CA file is read
 */
public record ServerTls(boolean verify, Optional<String> caFile, Optional<String> sni,
    int line) {
  public ServerTls {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(sni, "sni");
  }
}
