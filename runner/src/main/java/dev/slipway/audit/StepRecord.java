package dev.slipway.audit;

import java.time.Instant;

/** One migration of a run: applied, failed, or a try that a lock failure ended and that was retried. */
public record StepRecord(int ordinal, String migration, String description, String checksum, Instant startedAt,
                         long durationMs, int retries, Long rowsAffected, String outcome, String error) {
}
