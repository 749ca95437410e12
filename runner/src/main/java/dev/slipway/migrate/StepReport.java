package dev.slipway.migrate;

/**
 * One migration of a run, as reported.
 *
 * @param rowsAffected rows the migration's statements reported as changed; {@code null} when unknown
 * @param outcome      {@code succeeded} or {@code failed}
 */
public record StepReport(String migration, String description, long durationMs, int retries, Long rowsAffected,
                         String outcome) {
}
