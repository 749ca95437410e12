package dev.slipway.plan;

import java.time.Duration;

/**
 * Limits the reconciler applies.
 *
 * @param ttl         a preview whose head has not moved for longer than this is dropped, and not rebuilt
 *                    until the pull request gets a new head commit
 * @param maxPreviews at most this many previews exist at once; the rest wait in a queue, oldest head first
 */
public record ReconcilePolicy(Duration ttl, int maxPreviews) {

    public ReconcilePolicy {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, found " + ttl);
        }
        if (maxPreviews < 1) {
            throw new IllegalArgumentException("maxPreviews must be at least 1, found " + maxPreviews);
        }
    }
}
