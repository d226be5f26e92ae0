package lbchaos.event;

/** The harness injected or healed a fault; recorded so a timeline shows cause next to effect. */
public record FaultEvent(long at, String source, String fault, String target, Phase phase,
    String detail) implements Event {

  public enum Phase { INJECT, HEAL }
}
