package dev.slipway.config;

import java.time.Duration;

/**
 * The safety settings of one migration run: the session timeouts every migrating connection gets,
 * the retry schedule for lock failures, how long to wait for the single-writer lock, and whether
 * out-of-order migrations are allowed.
 */
public record MigrationSettings(Duration lockTimeout, Duration statementTimeout, Duration connectTimeout,
                                Duration writerLockWait, RetryPolicy retry, boolean outOfOrder) {

    public static final MigrationSettings DEFAULT = new MigrationSettings(
            Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofSeconds(60),
            RetryPolicy.DEFAULT, false);

    public MigrationSettings {
        requirePositive(lockTimeout, "lockTimeout");
        requirePositive(statementTimeout, "statementTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        if (writerLockWait.isNegative()) {
            throw new IllegalArgumentException("writerLockWait must not be negative");
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be greater than zero: Slipway never runs a "
                    + "migration without a timeout");
        }
    }

    public MigrationSettings withLockTimeout(Duration d) {
        return new MigrationSettings(d, statementTimeout, connectTimeout, writerLockWait, retry, outOfOrder);
    }

    public MigrationSettings withStatementTimeout(Duration d) {
        return new MigrationSettings(lockTimeout, d, connectTimeout, writerLockWait, retry, outOfOrder);
    }

    public MigrationSettings withRetry(RetryPolicy r) {
        return new MigrationSettings(lockTimeout, statementTimeout, connectTimeout, writerLockWait, r, outOfOrder);
    }

    public MigrationSettings withWriterLockWait(Duration d) {
        return new MigrationSettings(lockTimeout, statementTimeout, connectTimeout, d, retry, outOfOrder);
    }

    public MigrationSettings withOutOfOrder(boolean allowed) {
        return new MigrationSettings(lockTimeout, statementTimeout, connectTimeout, writerLockWait, retry, allowed);
    }

    public MigrationSettings withConnectTimeout(Duration d) {
        return new MigrationSettings(lockTimeout, statementTimeout, d, writerLockWait, retry, outOfOrder);
    }
}
