package dev.slipway.migrate.backfill;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;

/**
 * A backfill stopped before its last batch: paused too long, out of lock retries, or a batch failed. Its committed
 * batches stay, and so does its progress: the next run resumes after the last of them.
 */
public final class BackfillStopped extends SlipwayException {

    private static final long serialVersionUID = 1L;

    private final String migration;

    public BackfillStopped(ErrorCode code, String migration, String message, Throwable cause) {
        super(code, message, cause);
        this.migration = migration;
    }

    public String migration() {
        return migration;
    }
}
