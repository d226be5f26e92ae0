package lbchaos.vrrp.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import lbchaos.vrrp.config.VirtualAddress;
import lbchaos.vrrp.config.VrrpInstance;

/** Records what the runner asked for instead of touching the network. */
final class FakeEffects implements Effects {
  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void sendAdvert(int priority) {
    calls.add("advert " + priority);
  }

  @Override
  public void addVip(VirtualAddress vip) {
    calls.add("add " + vip);
  }

  @Override
  public void removeVip(VirtualAddress vip) {
    calls.add("remove " + vip);
  }

  @Override
  public void reconfigure(VrrpInstance next) {
    calls.add("reconfigure " + next.name());
  }

  @Override
  public void sendGarp(int repeat) {
    calls.add("garp " + repeat);
  }

  @Override
  public String mac() {
    return "02:42:0a:00:00:30";
  }

  @Override
  public void close() {
    calls.add("close");
  }
}
