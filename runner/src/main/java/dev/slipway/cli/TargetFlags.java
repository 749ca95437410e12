package dev.slipway.cli;

import picocli.CommandLine.Option;

/**
 * The flags every command that talks to a database shares. Each has an environment variable
 * ({@code SLIPWAY_URL}, ...) and may come from {@code slipway.yaml}; a flag wins over both.
 */
public final class TargetFlags {

    @Option(names = "--config", paramLabel = "FILE", description = "slipway.yaml to read (default: $SLIPWAY_CONFIG, else ./slipway.yaml if present)")
    String config;

    @Option(names = "--env", paramLabel = "ENV", description = "an environment from slipway.yaml: its database and settings")
    String environment;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "jdbc:postgresql://HOST[:PORT]/DATABASE ($SLIPWAY_URL)")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "database user ($SLIPWAY_USER)")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the password (default SLIPWAY_PASSWORD)")
    String passwordEnv;

    @Option(names = "--engine", paramLabel = "flyway|liquibase", description = "migration tool ($SLIPWAY_ENGINE)")
    String engine;

    @Option(names = "--location", paramLabel = "DIR_OR_CHANGELOG", description = "Flyway migrations directory or Liquibase changelog ($SLIPWAY_LOCATION)")
    String location;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "lock_timeout of migrating sessions (default 2s; $SLIPWAY_LOCK_TIMEOUT)")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", description = "statement_timeout of migrating sessions (default 15m; $SLIPWAY_STATEMENT_TIMEOUT)")
    String statementTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "give up connecting after this (default 10s; $SLIPWAY_CONNECT_TIMEOUT)")
    String connectTimeout;

    @Option(names = "--baseline-version", paramLabel = "VERSION", description = "adopt a database that has tables but no Flyway history: record it at VERSION, apply only newer migrations")
    String baselineVersion;

    @Option(names = "--json", description = "print the report as one JSON document")
    boolean json;
}
