package lbchaos.vrrp.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the runner asked for instead of touching the network. */
final class FakeEffects implements Effects {
  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void sendAdvert(int priority) {
    calls.add("advert " + priority);
  }

  @Override
  public void addVips() {
    calls.add("add");
  }

  @Override
  public void removeVips() {
    calls.add("remove");
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
