package lbchaos.harness.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.util.List;
import lbchaos.harness.docker.Docker;
import org.junit.jupiter.api.Test;

/** A failed image build names the step that failed and leaves no image tagged. */
class ImagesIT {

  @Test
  void aBaseImageThatCannotBeBuiltNamesTheStepAndTagsNothing() {
    // A package no Debian suite has: mmdebstrap fails while resolving it.
    BaseRecipe broken = new BaseRecipe("bookworm", List.of("keepalived",
        "lbchaos-no-such-package"));
    Images images = new Images(Docker.client(), new PrintStream(PrintStream.nullOutputStream()));
    String builder = Images.chooseBuilder();
    String tag = Images.baseTag(broken, builder);
    assertThatThrownBy(() -> images.ensureBase(broken))
        .as("the build fails and says at which step")
        .isInstanceOf(ImageBuildException.class)
        .hasMessageContaining("step '" + (builder.equals("mmdebstrap") ? "mmdebstrap"
            : "docker build base"));
    assertThat(images.exists(tag)).as("no half-made image tagged %s", tag).isFalse();
  }
}
