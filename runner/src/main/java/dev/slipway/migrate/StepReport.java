package dev.slipway.migrate;

import dev.slipway.migrate.backfill.BackfillStatus;

/**
 * One migration of a run, as reported.
 *
 * @param rowsAffected rows the migration's statements reported as changed; {@code null} when unknown
 * @param outcome      {@code succeeded} or {@code failed}
 * @param backfill     for a migration that ran as a backfill, where it stood when this try ended (rows, batches,
 *                     seconds paused by reason, most replica lag seen); {@code null} for any other
 */
public record StepReport(String migration, String description, long durationMs, int retries, Long rowsAffected,
                         String outcome, BackfillStatus backfill) {
}
