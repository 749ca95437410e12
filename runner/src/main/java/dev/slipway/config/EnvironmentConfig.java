package dev.slipway.config;

/**
 * One deployment environment (dev, staging, prod): its database, its migration settings, and its promotion gate
 * ({@code null} when the environment has no {@code gate:} section).
 */
public record EnvironmentConfig(String name, ConnectionRef connection, MigrationSettings settings, GateConfig gate) {
}
