package lbchaos.harness.image;

/** An image could not be built; the message names the step that failed. */
public final class ImageBuildException extends RuntimeException {
  public ImageBuildException(String step, String detail, Throwable cause) {
    super("image build failed at step '" + step + "': " + detail, cause);
  }
}
