package dev.slipway.lint;

import java.time.Duration;

/**
 * When a traced run's measurements become findings.
 *
 * @param largeTableBytes    a table at least this big (heap, indexes and TOAST) counts as large
 * @param maxAccessExclusive ACCESS EXCLUSIVE held longer than this on a large table is a finding
 * @param rewriteTableBytes  rewriting a table at least this big is a finding
 * @param planCostRatio      a key query whose plan costs more than this many times its cost before is a
 *                           {@code plan-regression}
 */
public record TraceThresholds(long largeTableBytes, Duration maxAccessExclusive, long rewriteTableBytes,
                              double planCostRatio) {

    public static final double DEFAULT_PLAN_COST_RATIO = 2.0;

    public static final TraceThresholds DEFAULT = new TraceThresholds(10L * 1024 * 1024, Duration.ofSeconds(1),
            1024L * 1024);

    /** Thresholds with the default plan cost ratio. */
    public TraceThresholds(long largeTableBytes, Duration maxAccessExclusive, long rewriteTableBytes) {
        this(largeTableBytes, maxAccessExclusive, rewriteTableBytes, DEFAULT_PLAN_COST_RATIO);
    }
}
