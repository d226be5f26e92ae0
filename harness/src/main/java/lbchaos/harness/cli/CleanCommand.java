package lbchaos.harness.cli;

import java.util.concurrent.Callable;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.topology.Sweeper;
import picocli.CommandLine.Command;

/** Removes every container, network and host rule labelled as ours. */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Remove every container, network and iptables rule lbchaos made.")
final class CleanCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    Sweeper.Swept s = Sweeper.everything(Docker.client());
    System.out.printf("lbchaos: removed %d containers, %d networks, %d host rules%n",
        s.containers(), s.networks(), s.rules());
    return Cli.OK;
  }
}
