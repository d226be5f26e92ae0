package lbchaos.proxy.config;

/** Proxy mode: raw TCP relay or HTTP/1.1 aware. haproxy's default is tcp. */
public enum Mode {
  TCP, HTTP
}
