package dev.slipway.cli;

import picocli.CommandLine.Option;

/**
 * Where the database is: slipway.yaml and its environment, or a JDBC URL with user and password variable, and how
 * long to wait for it. Each flag has an environment variable ({@code SLIPWAY_URL}, ...) and may come from
 * {@code slipway.yaml}; a flag wins over both. Shared by every command that connects to a migrated database.
 */
public final class ConnectionFlags {

    @Option(names = "--config", paramLabel = "FILE", description = "slipway.yaml to read (default: $SLIPWAY_CONFIG, else ./slipway.yaml if present)")
    String config;

    @Option(names = "--env", paramLabel = "ENV", description = "an environment from slipway.yaml: its database and settings ($SLIPWAY_ENV)")
    String environment;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "jdbc:postgresql://HOST[:PORT]/DATABASE ($SLIPWAY_URL)")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "database user ($SLIPWAY_USER)")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the password (default SLIPWAY_PASSWORD)")
    String passwordEnv;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "give up connecting after this (default 10s; $SLIPWAY_CONNECT_TIMEOUT)")
    String connectTimeout;
}
