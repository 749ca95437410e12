package dev.slipway.migrate;

import java.util.List;
import java.util.Map;

/** What {@code slipway status} reports: counts per state, then every migration. */
public record StatusReport(String engine, String engineVersion, String target, String location,
                           Map<MigrationState, Long> counts, List<MigrationEntry> migrations) {

    /** True when nothing blocks a forward-only run: no drift, missing or failed migration. */
    public boolean healthy() {
        return counts.get(MigrationState.CHECKSUM_DRIFT) == 0 && counts.get(MigrationState.MISSING) == 0
                && counts.get(MigrationState.FAILED) == 0;
    }
}
