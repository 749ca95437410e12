package dev.slipway.migrate;

import java.time.Instant;

/**
 * One migration as the engine and the database history see it together.
 *
 * @param id          Flyway version (or {@code R:description} for repeatables), or Liquibase {@code path::id::author}
 * @param script      the file the migration comes from, relative to the location
 * @param stored      checksum recorded when it was applied, {@code null} if never applied
 * @param current     checksum of the file as it is now, {@code null} if the file is gone
 */
public record MigrationEntry(String id, String description, String script, MigrationState state,
                             String stored, String current, Instant appliedAt) {

    /** A short name for progress lines and reports: the script for Flyway, {@code path::id::author} for Liquibase. */
    public String displayName() {
        if (id != null && id.contains("::")) {
            return id;
        }
        return script != null && !script.isBlank() ? script : id;
    }
}
