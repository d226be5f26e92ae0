package lbchaos.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.util.UUID;
import lbchaos.harness.docker.Docker;
import lbchaos.harness.image.BaseRecipe;
import lbchaos.harness.image.Images;
import org.junit.jupiter.api.Test;

/** `clean --images` removes lbchaos's image tags and leaves the rest of the engine alone. */
class CleanImagesIT {

  @Test
  void removesTheTagsItIsGivenAndNothingElse() {
    var docker = Docker.client();
    String base = new Images(docker, new PrintStream(PrintStream.nullOutputStream()))
        .ensureBase(BaseRecipe.DEFAULT);
    // A second tag on our base: removing it must leave the base image and its tag in place.
    String repo = "lbchaos-clean-test/" + UUID.randomUUID();
    docker.tagImageCmd(base, repo, "1").exec();
    try {
      int removed = CleanCommand.removeImages(docker, tag -> tag.startsWith(repo + ":"));
      assertThat(removed).as("tags removed").isEqualTo(1);
      assertThat(docker.listImagesCmd().withImageNameFilter(repo).exec())
          .as("the test tag is gone").isEmpty();
      assertThat(docker.inspectImageCmd(base).exec().getRepoTags())
          .as("the base image keeps its own tag").contains(base);
    } finally {
      docker.listImagesCmd().withImageNameFilter(repo).exec()
          .forEach(i -> docker.removeImageCmd(repo + ":1").exec());
    }
  }
}
