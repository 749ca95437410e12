package dev.slipway.config;

import java.time.Duration;

/**
 * The settings of one migration run: the session timeouts every migrating connection gets, the
 * retry schedule for lock failures, how long to wait for the single-writer lock, whether
 * out-of-order migrations are allowed, and the version to baseline a database that predates its
 * Flyway history at ({@code null}: never baseline).
 */
public record MigrationSettings(Duration lockTimeout, Duration statementTimeout, Duration connectTimeout,
                                Duration writerLockWait, RetryPolicy retry, boolean outOfOrder,
                                String baselineVersion) {

    public static final MigrationSettings DEFAULT = new MigrationSettings(
            Duration.ofSeconds(2), Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofSeconds(60),
            RetryPolicy.DEFAULT, false, null);

    public MigrationSettings {
        requirePositive(lockTimeout, "lockTimeout");
        requirePositive(statementTimeout, "statementTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        if (writerLockWait.isNegative()) {
            throw new IllegalArgumentException("writerLockWait must not be negative");
        }
        if (baselineVersion != null && !baselineVersion.matches("\\d+(\\.\\d+)*")) {
            throw new IllegalArgumentException("baselineVersion must be a Flyway version such as 3 or 2.1, was '"
                    + baselineVersion + "'");
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be greater than zero: Slipway never runs a "
                    + "migration without a timeout");
        }
    }

    public MigrationSettings withLockTimeout(Duration d) {
        return new MigrationSettings(d, statementTimeout, connectTimeout, writerLockWait, retry, outOfOrder, baselineVersion);
    }

    public MigrationSettings withStatementTimeout(Duration d) {
        return new MigrationSettings(lockTimeout, d, connectTimeout, writerLockWait, retry, outOfOrder, baselineVersion);
    }

    public MigrationSettings withRetry(RetryPolicy r) {
        return new MigrationSettings(lockTimeout, statementTimeout, connectTimeout, writerLockWait, r, outOfOrder, baselineVersion);
    }

    public MigrationSettings withWriterLockWait(Duration d) {
        return new MigrationSettings(lockTimeout, statementTimeout, connectTimeout, d, retry, outOfOrder, baselineVersion);
    }

    public MigrationSettings withOutOfOrder(boolean allowed) {
        return new MigrationSettings(lockTimeout, statementTimeout, connectTimeout, writerLockWait, retry, allowed, baselineVersion);
    }

    public MigrationSettings withBaselineVersion(String version) {
        return new MigrationSettings(lockTimeout, statementTimeout, connectTimeout, writerLockWait, retry, outOfOrder, version);
    }

    public MigrationSettings withConnectTimeout(Duration d) {
        return new MigrationSettings(lockTimeout, statementTimeout, d, writerLockWait, retry, outOfOrder, baselineVersion);
    }
}
