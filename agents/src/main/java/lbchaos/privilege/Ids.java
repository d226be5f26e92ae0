package lbchaos.privilege;

/** A resolved uid and gid (the gid becomes the only group). */
public record Ids(int uid, int gid) {

  public Ids {
    // (uid_t) -1 means "unchanged" to the set*id calls: never a target.
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("uid and gid must be >= 0, were " + uid + ", " + gid);
    }
  }

  public boolean root() {
    return uid == 0;
  }
}
