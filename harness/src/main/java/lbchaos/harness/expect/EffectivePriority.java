package lbchaos.harness.expect;

/**
 * The priority an instance advertises given which tracked scripts fail.
 *
 * @param fault true when a weight-0 script fails: the instance goes to FAULT and advertises
 *     nothing
 * @param derivation how the value came about, for a verdict or a lint finding
 */
public record EffectivePriority(int value, boolean fault, String derivation) {}
