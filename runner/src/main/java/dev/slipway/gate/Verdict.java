package dev.slipway.gate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Whether a release may be promoted to an environment, with every check that decided it.
 *
 * @param commit        the commit being promoted, when known
 * @param unknownPasses the environment's policy for checks that could not be evaluated
 * @param durationMs    how long the evaluation took
 */
public record Verdict(UUID id, String environment, String commit, Instant evaluatedAt, Outcome outcome,
                      boolean unknownPasses, List<CheckResult> checks, long durationMs) {

    /** The verdict itself. */
    public enum Outcome { PASS, FAIL }

    public Verdict {
        checks = List.copyOf(checks);
    }

    /**
     * The pure rule: any failed check fails the verdict; an unknown check fails it too unless the environment
     * lets unknowns pass; no checks at all is a pass only if nothing was asked for.
     */
    public static Outcome decide(List<CheckResult> checks, boolean unknownPasses) {
        boolean failed = checks.stream().anyMatch(c -> c.result() == CheckResult.Result.FAIL
                || c.result() == CheckResult.Result.UNKNOWN && !unknownPasses);
        return failed ? Outcome.FAIL : Outcome.PASS;
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    /** 0 when the release may go ahead, 1 when the gate refuses it. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    /** The checks that made the verdict fail, in order. */
    public List<CheckResult> blocking() {
        return checks.stream().filter(c -> c.result() == CheckResult.Result.FAIL
                || c.result() == CheckResult.Result.UNKNOWN && !unknownPasses).toList();
    }
}
