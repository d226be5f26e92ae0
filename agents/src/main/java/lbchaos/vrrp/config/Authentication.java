package lbchaos.vrrp.config;

import java.util.Objects;

/**
 * VRRPv2 simple password authentication (RFC 3768 section 5.3.6; keepalived's
 * {@code auth_type PASS}). keepalived keeps at most 8 characters of {@code auth_pass}.
 */
public record Authentication(String password) {
  public Authentication {
    Objects.requireNonNull(password, "password");
    if (password.isEmpty() || password.length() > 8) {
      throw new IllegalArgumentException("auth_pass must be 1..8 characters");
    }
  }
}
