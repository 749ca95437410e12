package dev.slipway.gate;

import java.util.Objects;

/**
 * One check of a verdict: what was observed, the threshold it was held to, the result and why, in one line.
 *
 * @param name      e.g. {@code pdb:shop/web}, {@code slo-budget:checkout}, {@code migrations:preview}
 * @param observed  the value seen, as a person reads it; {@code -} when nothing could be observed
 * @param threshold what the value must be
 */
public record CheckResult(String name, String observed, String threshold, Result result, String reason) {

    /** How one check came out. {@link #UNKNOWN}: no data, NaN, or the source did not answer in time. */
    public enum Result { PASS, FAIL, UNKNOWN }

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        observed = observed == null ? "-" : observed;
        threshold = threshold == null ? "-" : threshold;
        reason = reason == null ? "" : reason.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    public static CheckResult pass(String name, String observed, String threshold, String reason) {
        return new CheckResult(name, observed, threshold, Result.PASS, reason);
    }

    public static CheckResult fail(String name, String observed, String threshold, String reason) {
        return new CheckResult(name, observed, threshold, Result.FAIL, reason);
    }

    public static CheckResult unknown(String name, String threshold, String reason) {
        return new CheckResult(name, null, threshold, Result.UNKNOWN, reason);
    }
}
