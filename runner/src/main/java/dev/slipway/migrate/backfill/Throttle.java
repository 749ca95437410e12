package dev.slipway.migrate.backfill;

import java.util.Optional;

/** Something a backfill waits for before its next batch: replica lag, an SLO's burn rate. */
public interface Throttle {

    /**
     * Why the backfill must wait now ({@code reason} a short word for metrics, {@code text} for people), or empty.
     *
     * @param settings the running backfill's settings (its {@code max-lag}, {@code max-burn})
     */
    Optional<Hold> check(BackfillSettings settings);

    /** The replication lag this throttle last measured, in seconds, if it measures one. */
    default java.util.OptionalDouble lagSeconds() {
        return java.util.OptionalDouble.empty();
    }

    /** Why a backfill waits: {@code reason} is {@code lag}, {@code slo}, {@code lock} or {@code duty}. */
    record Hold(String reason, String text) {
    }
}
