package lbchaos.harness.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each container sits on the test network. The last octets mirror the article
 * (webserver-1 .112, webserver-2 .197, loadbalancer-1 .48, loadbalancer-2 .97, VIP .211) inside
 * a /24 of our own; extra nodes take the next free octets. Docker allocates dynamically only in
 * the lower half (.0/25), so the VIP (.211) is outside its range and never given to a container.
 *
 * @param prefix the first three octets, e.g. "10.213.7"
 */
public record AddressPlan(String prefix, int lbCount, int webCount) {

  static final int[] LB_OCTETS = {48, 97};
  static final int[] WEB_OCTETS = {112, 197};
  static final int VIP = 211;
  static final int CLIENT = 10;
  static final int OBSERVER = 5;
  static final int OUTSIDER = 250;

  public AddressPlan {
    if (!prefix.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
      throw new IllegalArgumentException("prefix must be three octets, got " + prefix);
    }
    if (lbCount < 1 || lbCount > 8 || webCount < 1 || webCount > 16) {
      throw new IllegalArgumentException("between 1 and 8 LBs and 1 and 16 webservers, got "
          + lbCount + " and " + webCount);
    }
  }

  public String subnet() {
    return prefix + ".0/24";
  }

  public String gateway() {
    return prefix + ".1";
  }

  public String vip() {
    return at(VIP);
  }

  public String client() {
    return at(CLIENT);
  }

  public String observer() {
    return at(OBSERVER);
  }

  public List<String> lbs() {
    return take(LB_OCTETS, lbCount, 49);
  }

  public List<String> webservers() {
    return take(WEB_OCTETS, webCount, 113);
  }

  private List<String> take(int[] first, int count, int nextFree) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(at(i < first.length ? first[i] : nextFree + i - first.length));
    }
    return out;
  }

  private String at(int octet) {
    return prefix + "." + octet;
  }
}
