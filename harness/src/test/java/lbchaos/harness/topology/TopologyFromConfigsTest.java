package lbchaos.harness.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lbchaos.harness.config.ConfigFiles.BadConfig;
import lbchaos.harness.config.ReferenceConfigs;
import lbchaos.harness.config.ReferenceConfigs.FileSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology derived from a user's configs, on the article's own files. */
class TopologyFromConfigsTest {

  static final Path ARTICLE = Path.of("src/test/resources/article");
  static final Path LB1 = ARTICLE.resolve("keepalived-lb1.conf");
  static final Path LB2 = ARTICLE.resolve("keepalived-lb2.conf");
  static final Path HAPROXY = ARTICLE.resolve("haproxy.cfg");

  @TempDir Path dir;

  @Test
  void theArticlesConfigsGiveTheArticlesAddressesOnItsSubnet() {
    var t = TopologyFromConfigs.derive(List.of(LB1, LB2), HAPROXY, List.of());
    var a = t.addresses();
    assertThat(a.network() + "/" + a.prefixLength()).as("the VIP's subnet").isEqualTo(
        "192.168.122.0/24");
    assertThat(a.vip()).as("VIP from virtual_ipaddress").isEqualTo("192.168.122.211");
    assertThat(a.webservers()).as("webservers at the haproxy servers' addresses")
        .containsExactly("192.168.122.112", "192.168.122.197");
    assertThat(a.webPorts()).as("server ports").containsExactly(80, 80);
    assertThat(a.lbs()).as("no unicast_src_ip: the article's LB addresses, which are free")
        .containsExactly("192.168.122.48", "192.168.122.97");
    assertThat(List.of(a.gateway(), a.client(), a.observer())).as("bridge, client, observer")
        .containsExactly("192.168.122.1", "192.168.122.10", "192.168.122.5");
    assertThat(a.servicePort()).as("frontend bind port").isEqualTo(80);
    assertThat(a.instanceVips()).as("VIPs per instance").containsEntry("VI_1",
        List.of("192.168.122.211"));
    var plan = AddressPlan.given(a);
    assertThat(plan.subnet()).as("plan's subnet").isEqualTo("192.168.122.0/24");
    assertThat(plan.lbs()).as("plan's LBs").isEqualTo(a.lbs());
  }

  @Test
  void theScriptsTheConfigNamesAreInstalledAtItsPathsAndTheInterfaceIsMapped() throws Exception {
    var t = TopologyFromConfigs.derive(List.of(LB1, LB2), HAPROXY, List.of());
    List<FileSpec> lb1 = t.lbFiles().getFirst();
    assertThat(lb1).extracting(FileSpec::path).as("installed files").containsExactlyInAnyOrder(
        ReferenceConfigs.KEEPALIVED_PATH, ReferenceConfigs.HAPROXY_PATH,
        "/etc/keepalived/check_apiserver.sh", "/etc/keepalived/status_capture.sh");
    FileSpec check = lb1.stream().filter(f -> f.path().endsWith("check_apiserver.sh")).findFirst()
        .orElseThrow();
    assertThat(check.content()).as("the user's own script").isEqualTo(
        Files.readString(ARTICLE.resolve("check_apiserver.sh")));
    assertThat(check.mode()).as("executable").isEqualTo(0755);
    String conf = lb1.stream().filter(f -> f.path().equals(ReferenceConfigs.KEEPALIVED_PATH))
        .findFirst().orElseThrow().content();
    assertThat(conf).as("interface mapped").contains("interface eth0").doesNotContain("enp1s0");
    assertThat(conf.lines().count()).as("same line count, so file:line still match")
        .isEqualTo(Files.readString(LB1).lines().count());
    assertThat(t.notes()).as("the mapping is said").anyMatch(n -> n.contains("keepalived-lb1.conf:15")
        && n.contains("enp1s0 mapped"));
  }

  @Test
  void instancesAndFrontendsBeyondTheTestedOnesAreNamedInTheNotes() throws Exception {
    String second = "\nvrrp_instance VI_2 {\n  state BACKUP\n  interface enp1s0\n"
        + "  virtual_router_id 52\n  priority 100\n  virtual_ipaddress {\n"
        + "    192.168.122.212/24\n  }\n}\n";
    Path k1 = Files.writeString(dir.resolve("keepalived-lb1.conf"), Files.readString(LB1) + second);
    Path k2 = Files.writeString(dir.resolve("keepalived-lb2.conf"), Files.readString(LB2) + second);
    for (String s : List.of("check_apiserver.sh", "status_capture.sh")) {
      Files.copy(ARTICLE.resolve(s), dir.resolve(s));
    }
    Path hp = Files.writeString(dir.resolve("haproxy.cfg"), Files.readString(HAPROXY)
        + "\nfrontend stats\n  bind *:8404\n  default_backend apiserver\n");
    var t = TopologyFromConfigs.derive(List.of(k1, k2), hp, List.of());
    long line = Files.readString(LB1).lines().count() + 2;
    assertThat(t.notes()).as("the second instance, file:line").anyMatch(n ->
        n.contains("keepalived-lb1.conf:" + line) && n.contains("VI_2 runs but is not tested"));
    assertThat(t.notes()).as("the second frontend").anyMatch(n ->
        n.contains("frontend stats runs but is not tested") && n.contains("apiserver"));
    assertThat(TopologyFromConfigs.derive(List.of(LB1, LB2), HAPROXY, List.of()).notes())
        .as("nothing to say of the article's").noneMatch(n -> n.contains("not tested"));
  }

  /** The article's LB configs split over included files (see its keepalived.conf). */
  static final Path SPLIT = Path.of("src/test/resources/article-split");

  /** LB1's split config, copied to the temporary folder so a test may change it. */
  private Path splitArticleConfig() throws Exception {
    try (var files = Files.walk(SPLIT.resolve("lb1"))) {
      for (Path f : files.toList()) {
        Path to = dir.resolve(SPLIT.resolve("lb1").relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    // Each script beside the file that names it, where the harness looks by default.
    Files.writeString(dir.resolve("scripts.d/check_apiserver.sh"), "#!/bin/sh\nexit 0\n");
    Files.writeString(dir.resolve("conf.d/status_capture.sh"), "#!/bin/sh\n");
    return dir.resolve("keepalived.conf");
  }

  @Test
  void includedFilesArePlacedWhereKeepalivedFindsThemWithTheirInterfacesMapped()
      throws Exception {
    Path main = splitArticleConfig();
    var t = TopologyFromConfigs.derive(List.of(main, LB2), HAPROXY, List.of());
    assertThat(t.addresses().vip()).as("the VIP, from the included instance")
        .isEqualTo("192.168.122.211");
    List<FileSpec> lb1 = t.lbFiles().getFirst();
    assertThat(lb1).extracting(FileSpec::path).as("installed files").containsExactlyInAnyOrder(
        ReferenceConfigs.KEEPALIVED_PATH, "/etc/keepalived/scripts.d/check.conf",
        "/etc/keepalived/conf.d/vi_1.conf", ReferenceConfigs.HAPROXY_PATH,
        "/etc/keepalived/check_apiserver.sh", "/etc/keepalived/status_capture.sh");
    FileSpec instance = lb1.stream().filter(f -> f.path().endsWith("vi_1.conf")).findFirst()
        .orElseThrow();
    assertThat(instance.content()).as("the included file's interface is mapped")
        .contains("interface eth0").doesNotContain("enp1s0");
    assertThat(lb1).as("each script from beside the file naming it").anyMatch(f ->
        f.path().equals("/etc/keepalived/check_apiserver.sh") && f.mode() == 0755
            && f.content().equals("#!/bin/sh\nexit 0\n"));
    assertThat(t.notes()).as("the note names the included file:line").anyMatch(n ->
        n.contains("conf.d/vi_1.conf:1:") && n.contains("enp1s0 mapped"));
  }

  @Test
  void aMissingScriptOfAnIncludedFileNamesThatFile() throws Exception {
    Path main = splitArticleConfig();
    Files.delete(dir.resolve("scripts.d/check_apiserver.sh"));
    assertThatThrownBy(() -> TopologyFromConfigs.derive(List.of(main, LB2), HAPROXY, List.of()))
        .isInstanceOf(BadConfig.class).hasMessageContaining("scripts.d/check.conf:2:")
        .hasMessageContaining("no file check_apiserver.sh");
  }

  @Test
  void anIncludeOutsideEtcKeepalivedCannotBePlaced() throws Exception {
    Path k = Files.writeString(dir.resolve("keepalived.conf"), "include /srv/lb/*.conf\n"
        + Files.readString(LB1));
    assertThatThrownBy(() -> TopologyFromConfigs.derive(List.of(k), HAPROXY, List.of()))
        .isInstanceOf(BadConfig.class).hasMessageContaining("keepalived.conf:1: include"
            + " /srv/lb/*.conf: the harness places your configs in /etc/keepalived");
  }

  @Test
  void serversNamedByHostGetFreeAddressesTheLbsResolve() throws Exception {
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), Files.readString(HAPROXY)
        .replace("192.168.122.112:80", "App1.internal:8080")
        .replace("192.168.122.197:80", "192.168.122.112:80"));
    var t = TopologyFromConfigs.derive(List.of(LB1, LB2), h, List.of());
    var a = t.addresses();
    assertThat(a.webservers()).as("the named one at a free address, the other where it says")
        .containsExactly("192.168.122.197", "192.168.122.112");
    assertThat(a.webPorts()).containsExactly(8080, 80);
    assertThat(a.serverNames()).containsExactly(java.util.Map.entry("App1.internal",
        "192.168.122.197"));
    assertThat(AddressPlan.given(a).serverNames()).as("the plan the LBs are made from")
        .isEqualTo(a.serverNames());
    assertThat(t.notes()).anyMatch(n -> n.contains("haproxy.cfg:20:")
        && n.contains("App1.internal") && n.contains("/etc/hosts"));
    Path twice = Files.writeString(dir.resolve("twice.cfg"), Files.readString(HAPROXY)
        .replace("192.168.122.112:80", "app1.internal:80")
        .replace("192.168.122.197:80", "APP1.internal:81"));
    assertThatThrownBy(() -> TopologyFromConfigs.derive(List.of(LB1, LB2), twice, List.of()))
        .isInstanceOf(BadConfig.class).hasMessageContaining("twice.cfg:21:")
        .hasMessageContaining("has the host of another server");
    Path odd = Files.writeString(dir.resolve("odd.cfg"), Files.readString(HAPROXY)
        .replace("192.168.122.112:80", "10.1.2:80"));
    assertThatThrownBy(() -> TopologyFromConfigs.derive(List.of(LB1, LB2), odd, List.of()))
        .isInstanceOf(BadConfig.class).hasMessageContaining("neither an IPv4 address nor a"
            + " host name");
  }

  @Test
  void aScriptOptionWinsOverTheConfigsFolder() throws Exception {
    Path mine = Files.writeString(dir.resolve("check_apiserver.sh"), "#!/bin/sh\nexit 0\n");
    var t = TopologyFromConfigs.derive(List.of(LB1, LB2), HAPROXY, List.of(mine));
    assertThat(t.lbFiles().get(1)).as("--script content on LB2").anyMatch(f ->
        f.path().equals("/etc/keepalived/check_apiserver.sh") && f.content().endsWith("exit 0\n"));
  }

  @Test
  void aMissingScriptIsFileAndLine() throws Exception {
    Path k = Files.writeString(dir.resolve("keepalived.conf"), Files.readString(LB1));
    assertThatThrownBy(() -> TopologyFromConfigs.derive(List.of(k), HAPROXY, List.of()))
        .isInstanceOf(BadConfig.class).as("the vrrp_script line")
        .hasMessageContaining("keepalived.conf:8:").hasMessageContaining("check_apiserver.sh");
  }

  @Test
  void aServerOutsideTheVipsSubnetIsFileAndLine() throws Exception {
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), Files.readString(HAPROXY)
        .replace("192.168.122.197", "10.0.0.7"));
    assertThatThrownBy(() -> TopologyFromConfigs.derive(List.of(LB1, LB2), h, List.of()))
        .isInstanceOf(BadConfig.class).hasMessageContaining("haproxy.cfg:21:")
        .hasMessageContaining("outside the VIP's subnet 192.168.122.0/24");
  }

  @Test
  void lbsWithDifferentVipsAreRejected() throws Exception {
    Path k = Files.writeString(dir.resolve("lb2.conf"), Files.readString(LB2)
        .replace("192.168.122.211/24", "192.168.122.212/24"));
    Files.copy(ARTICLE.resolve("check_apiserver.sh"), dir.resolve("check_apiserver.sh"));
    Files.copy(ARTICLE.resolve("status_capture.sh"), dir.resolve("status_capture.sh"));
    assertThatThrownBy(() -> TopologyFromConfigs.derive(List.of(LB1, k), HAPROXY, List.of()))
        .isInstanceOf(BadConfig.class).hasMessageContaining("lb2.conf:15:")
        .hasMessageContaining("must share one VIP");
  }

  @Test
  void unicastSourceAddressesPlaceTheLbsAndOthersAvoidTakenAddresses() throws Exception {
    Files.copy(ARTICLE.resolve("check_apiserver.sh"), dir.resolve("check_apiserver.sh"));
    Files.copy(ARTICLE.resolve("status_capture.sh"), dir.resolve("status_capture.sh"));
    Path k1 = Files.writeString(dir.resolve("lb1.conf"), Files.readString(LB1).replace(
        "virtual_router_id 51", "virtual_router_id 51\n    unicast_src_ip 192.168.122.10"));
    // webserver on .1: the bridge's gateway must go elsewhere
    Path h = Files.writeString(dir.resolve("haproxy.cfg"), Files.readString(HAPROXY)
        .replace("192.168.122.112", "192.168.122.1"));
    var a = TopologyFromConfigs.derive(List.of(k1, LB2), h, List.of()).addresses();
    assertThat(a.lbs()).as("LB1 from unicast_src_ip, LB2 picked").containsExactly(
        "192.168.122.10", "192.168.122.97");
    assertThat(a.gateway()).as("gateway avoids the webserver on .1").isEqualTo("192.168.122.2");
    assertThat(a.client()).as("client avoids LB1 on .10").isNotIn("192.168.122.10",
        "192.168.122.1", "192.168.122.2");
  }

  @Test
  void subnetOverlapWithARouteOrADockerNetworkIsRefused() {
    assertThatThrownBy(() -> LabNetwork.requireFree("192.168.122.0/24", java.util.Set.of(),
        "default via 192.0.2.1 dev eth0\n192.168.0.0/16 dev virbr0 proto kernel\n"))
        .isInstanceOf(LabNetwork.SubnetInUse.class).hasMessageContaining("virbr0");
    assertThatThrownBy(() -> LabNetwork.requireFree("192.168.122.0/24",
        java.util.Set.of("192.168.122.128/25"), ""))
        .isInstanceOf(LabNetwork.SubnetInUse.class).hasMessageContaining("Docker network");
    LabNetwork.requireFree("192.168.122.0/24", java.util.Set.of("172.17.0.0/16"),
        "default via 192.0.2.1 dev eth0\n192.0.2.0/24 dev eth0 proto kernel\n");
  }
}
