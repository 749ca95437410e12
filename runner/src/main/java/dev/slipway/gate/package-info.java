/**
 * Promotion gates: whether a release may reach an environment. Pure decisions ({@link dev.slipway.gate.Verdict},
 * {@link dev.slipway.gate.SloJudge}, {@link dev.slipway.gate.PdbJudge}, {@link dev.slipway.gate.FreezeCheck})
 * and thin adapters that gather what they decide on (Prometheus, the Kubernetes API, the migration history and
 * the audit log); {@link dev.slipway.gate.GateEvaluator} runs the checks and {@link dev.slipway.gate.VerdictStore}
 * keeps every verdict with its inputs.
 */
package dev.slipway.gate;
