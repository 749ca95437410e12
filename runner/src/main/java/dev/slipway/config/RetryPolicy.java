package dev.slipway.config;

import java.time.Duration;

/**
 * How a migration blocked by a lock (SQLSTATE 55P03) or a deadlock (40P01) is retried: up to
 * {@code maxAttempts} tries, waiting {@code initialDelay} after the first failure and growing by
 * {@code multiplier} up to {@code maxDelay}, each wait jittered by ±{@code jitter}, and never past
 * {@code maxTotal} from the first try.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
                          Duration maxTotal, double jitter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(
            5, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30), Duration.ofMinutes(2), 0.2);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry.maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("retry.multiplier must be at least 1.0, was " + multiplier);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry.jitter must be in [0, 1), was " + jitter);
        }
    }

    /** A policy that tries once and never retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, Duration.ZERO, 0);
    }
}
