package dev.slipway.migrate;

import dev.slipway.migrate.backfill.BackfillStatus;
import java.util.List;
import java.util.Map;

/**
 * What {@code slipway status} reports: counts per state, then every migration, then the backfills the target records
 * (running, paused and why, interrupted, failed, finished).
 */
public record StatusReport(String engine, String engineVersion, String target, String location,
                           Map<MigrationState, Long> counts, List<MigrationEntry> migrations,
                           List<BackfillStatus> backfills) {

    public StatusReport {
        backfills = List.copyOf(backfills);
    }

    public StatusReport(String engine, String engineVersion, String target, String location,
                        Map<MigrationState, Long> counts, List<MigrationEntry> migrations) {
        this(engine, engineVersion, target, location, counts, migrations, List.of());
    }

    /** True when nothing blocks a forward-only run: no drift, missing or failed migration. */
    public boolean healthy() {
        return counts.get(MigrationState.CHECKSUM_DRIFT) == 0 && counts.get(MigrationState.MISSING) == 0
                && counts.get(MigrationState.FAILED) == 0;
    }
}
