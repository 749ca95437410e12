package dev.slipway.config;

import java.util.List;

/**
 * One deployment environment (dev, staging, prod): its database, its migration settings, and its promotion gate
 * ({@code null} when the environment has no {@code gate:} section).
 *
 * @param replicas standbys of its database to watch for replication lag besides those its primary lists in
 *                 {@code pg_stat_replication} (a cascaded standby, a replica of another cluster)
 * @param backfill the defaults of its backfills, as a {@code -- slipway:backfill} line writes them
 *                 ({@code batch-time=200ms max-lag=5s}); empty for the built-in ones
 */
public record EnvironmentConfig(String name, ConnectionRef connection, MigrationSettings settings, GateConfig gate,
                                List<Replica> replicas, String backfill) {

    public EnvironmentConfig {
        replicas = List.copyOf(replicas);
    }

    public EnvironmentConfig(String name, ConnectionRef connection, MigrationSettings settings, GateConfig gate) {
        this(name, connection, settings, gate, List.of(), "");
    }

    /** A standby named in the configuration, and how to reach it. */
    public record Replica(String name, ConnectionRef connection) {
    }
}
