package dev.slipway.migrate;

import java.util.List;

/** Every migration the location and the database know of, in the engine's order. */
public record MigrationStatus(EngineKind engine, List<MigrationEntry> entries) {

    public MigrationStatus {
        entries = List.copyOf(entries);
    }

    public List<MigrationEntry> in(MigrationState state) {
        return entries.stream().filter(e -> e.state() == state).toList();
    }

    public List<MigrationEntry> pending() {
        return in(MigrationState.PENDING);
    }

    public long count(MigrationState state) {
        return entries.stream().filter(e -> e.state() == state).count();
    }
}
