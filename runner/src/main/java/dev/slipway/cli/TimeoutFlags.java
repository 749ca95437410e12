package dev.slipway.cli;

import picocli.CommandLine.Option;

/** The session timeouts of connections that apply migrations: for the commands that apply them. */
public final class TimeoutFlags {

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "lock_timeout of the sessions that apply migrations (default 2s; $SLIPWAY_LOCK_TIMEOUT)")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", description = "statement_timeout of the sessions that apply migrations (default 15m; $SLIPWAY_STATEMENT_TIMEOUT)")
    String statementTimeout;
}
