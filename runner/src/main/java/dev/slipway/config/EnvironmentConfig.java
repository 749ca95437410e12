package dev.slipway.config;

/** One deployment environment (dev, staging, prod): its database and its migration settings. */
public record EnvironmentConfig(String name, ConnectionRef connection, MigrationSettings settings) {
}
