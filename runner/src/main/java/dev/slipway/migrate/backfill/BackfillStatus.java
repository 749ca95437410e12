package dev.slipway.migrate.backfill;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a backfill stands: as its runner tells its listeners, and as {@code slipway.backfill} keeps it.
 *
 * @param migration      the migration's script
 * @param table          the table it updates
 * @param state          {@code running}, {@code paused}, {@code finished} or {@code failed}
 * @param reason         why it is paused or failed; {@code null} otherwise
 * @param rowsDone       rows its committed batches updated
 * @param rowsEstimate   the table's row estimate when it started; -1 when unknown
 * @param batches        committed batches
 * @param batchSize      the rows of the next batch
 * @param lastKey        the key of the last row done, as text; empty before the first batch
 * @param pausedSeconds  seconds paused, by reason ({@code lag}, {@code slo}, {@code lock}, {@code duty})
 * @param lagMaxSeconds  the most replica lag seen (-1 when there are no standbys to watch)
 * @param batchMillis    the last batch's time
 * @param rowsPerSecond  rows per second since it (re)started
 * @param startedAt      when its first batch started
 * @param updatedAt      when this status was written
 */
public record BackfillStatus(String migration, String table, String state, String reason, long rowsDone,
                             long rowsEstimate, long batches, int batchSize, List<String> lastKey,
                             Map<String, Double> pausedSeconds, double lagMaxSeconds, long batchMillis,
                             double rowsPerSecond, Instant startedAt, Instant updatedAt) {

    public BackfillStatus {
        lastKey = List.copyOf(lastKey);
        pausedSeconds = Map.copyOf(pausedSeconds);
    }

    /** {@code 7.5 s for lag, 0.5 s for duty}: see {@link #pauses(Map)}. */
    public String pauses() {
        return pauses(pausedSeconds);
    }

    /**
     * Seconds paused by reason as people read them: {@code 7.5 s for lag, 0.5 s for duty}, reasons in name order,
     * pauses under 0.05 s left out; empty when it never paused (that long).
     */
    public static String pauses(Map<String, Double> pausedSeconds) {
        return pausedSeconds.entrySet().stream().filter(e -> e.getValue() >= 0.05).sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%.1f s for %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining(", "));
    }

    /** Seconds left at the current rate, or -1 when unknown. */
    public double etaSeconds() {
        if (rowsEstimate < 0 || rowsPerSecond <= 0 || "finished".equals(state)) {
            return "finished".equals(state) ? 0 : -1;
        }
        return Math.max(0, rowsEstimate - rowsDone) / rowsPerSecond;
    }
}
