package lbchaos.report.model;

import java.util.List;

/**
 * A row of state over time, e.g. "loadbalancer-1" with VRRP states, or "VIP holder" whose
 * segments name the node that held the address ("none" when nobody did).
 */
public record Lane(String name, List<Segment> segments) {

  public Lane {
    Checks.text(name, "lane name");
    segments = Checks.list(segments, "segments");
  }
}
