package dev.slipway;

/**
 * What went wrong, coarse enough for a caller to branch on, and the process exit code it maps to.
 *
 * <p>Exit codes: 0 success, 1 a negative verdict (lint findings, failed gate), 2 bad input or usage,
 * 3 cannot connect, 4 a migration or a masked copy failed, 5 blocked by another session (locks), 6 the migration
 * history refuses the run (drift, missing, out of order, forward-only), 70 a bug in Slipway.
 */
public enum ErrorCode {
    USAGE(2),
    GATE_REFUSED(1),
    GATE_NOT_EVALUATED(2),
    CONFIG_INVALID(2),
    LOCATION_INVALID(2),
    ENGINE_UNKNOWN(2),
    SECRET_MISSING(2),
    SCRATCH_COPY_FAILED(2),
    MASK_RULES_INVALID(2),
    QUERIES_INVALID(2),
    MASK_UNCOVERED(2),
    MASK_TARGET_REFUSED(2),
    GOLDEN_NOT_MASKED(2),
    CONNECTION_FAILED(3),
    STATE_UNAVAILABLE(3),
    GIT_UNAVAILABLE(3),
    GIT_COMMIT_UNKNOWN(2),
    PREVIEW_FAILED(4),
    MIGRATION_FAILED(4),
    STATEMENT_TIMEOUT(4),
    MASK_FAILED(4),
    MASK_COLLISION(4),
    LOCK_TIMEOUT(5),
    WRITER_LOCK_BUSY(5),
    CHECKSUM_DRIFT(6),
    MISSING_MIGRATION(6),
    OUT_OF_ORDER(6),
    FAILED_MIGRATION_IN_HISTORY(6),
    FORWARD_ONLY(6),
    BASELINE_REQUIRED(6),
    INTERNAL(70);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
