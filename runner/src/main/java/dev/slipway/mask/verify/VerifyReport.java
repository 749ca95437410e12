package dev.slipway.mask.verify;

import java.util.List;

/**
 * What {@code slipway mask verify} found.
 *
 * @param checks one per masked column (a set or row check) and one per text column searched for sampled
 *               source values
 * @param mark   the target's golden mark status ({@code masked}, {@code incomplete}, or {@code none})
 * @param leaks  rows of the target where a clear source value was found, over all checks
 */
public record VerifyReport(String source, String target, String mark, List<Check> checks, int sampled, long leaks) {

    /**
     * One check. {@code kind}: {@code set} (no source value of the column appears anywhere in the target's
     * column), {@code row} (no row kept its value: for transformers with a small output space) or
     * {@code sample} (no sampled clear value appears inside this text column). {@code empty}: rows whose source
     * value is NULL or empty ({@code ''}, {@code {}}, {@code []}): nothing to leak, so counted apart, never as leaks
     * (for {@code sample}: always 0).
     */
    public record Check(String column, String kind, long rowsChecked, long leaks, long empty) {
    }

    public int exitCode() {
        return leaks > 0 ? 1 : 0;
    }
}
