package lbchaos.harness.fault;

/** What a schedule acts through: the {@link Nemesis} of a session, or a test double. */
public interface FaultActions {

  void inject(Fault f);

  void heal(Fault f);
}
