package dev.slipway.mask.transform;

/**
 * Masks one column's value, given as its PostgreSQL text form (never {@code null}: NULL stays NULL unless
 * the rule is {@code null}). The result must be a valid text form of the column's type within its length
 * limit. Implementations are deterministic under one keyring and thread-safe.
 */
@FunctionalInterface
public interface Transformer {

    String apply(String value, Row row);

    /** The other values of the row being masked, for transformers keyed by the row ({@code date_shift}). */
    @FunctionalInterface
    interface Row {
        /** The text of the copied column at {@code index}, or {@code null} for NULL. */
        String value(int index);
    }
}
