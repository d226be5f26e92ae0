package lbchaos.harness.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import java.util.concurrent.Callable;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.topology.Sweeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Removes every container and network labelled as ours; with --images, our images. */
@Command(name = "clean", mixinStandardHelpOptions = true,
    description = "Remove every container and network lbchaos made.")
final class CleanCommand implements Callable<Integer> {

  @Option(names = "--images", description = "Also remove lbchaos's images (base, node: each"
      + " change to the agents makes a new node image). The next run builds them again.")
  boolean images;

  @Override
  public Integer call() {
    DockerClient docker = Docker.client();
    Sweeper.Swept s = Sweeper.everything(docker);
    System.out.printf("lbchaos: removed %d containers, %d networks%n", s.containers(),
        s.networks());
    s.advice().forEach(System.out::println);
    if (images) {
      System.out.printf("lbchaos: removed %d images%n", removeImages(docker, tag -> true));
    }
    return Cli.OK;
  }

  /**
   * Every tag {@code which} accepts of every image labelled ours; an image a container still
   * uses stays.
   */
  static int removeImages(DockerClient docker, java.util.function.Predicate<String> which) {
    int removed = 0;
    var ours = docker.listImagesCmd().withLabelFilter(Docker.LABEL).exec();
    for (var image : ours) {
      String[] tags = image.getRepoTags();
      for (String tag : tags == null ? new String[0] : tags) {
        if (!which.test(tag)) {
          continue;
        }
        try {
          docker.removeImageCmd(tag).exec();
          removed++;
        } catch (ConflictException e) {
          System.out.println("lbchaos: kept " + tag + ": in use");
        }
      }
    }
    return removed;
  }
}
