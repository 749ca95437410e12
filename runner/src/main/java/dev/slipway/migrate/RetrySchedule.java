package dev.slipway.migrate;

import dev.slipway.config.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a lock-blocked migration again. Pure: the randomness for the jitter is passed in, so
 * the schedule is testable and, with a fixed source, repeatable.
 */
public final class RetrySchedule {

    private final RetryPolicy policy;
    private final DoubleSupplier random;

    public RetrySchedule(RetryPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * The wait before the next try, after {@code failedAttempts} tries have failed and {@code elapsed}
     * has passed since the first began; empty when the policy says to give up.
     */
    public Optional<Duration> delayAfter(int failedAttempts, Duration elapsed) {
        if (failedAttempts >= policy.maxAttempts()) {
            return Optional.empty();
        }
        double base = policy.initialDelay().toMillis() * Math.pow(policy.multiplier(), failedAttempts - 1);
        double capped = Math.min(base, policy.maxDelay().toMillis());
        double jittered = capped * (1 + policy.jitter() * (2 * random.getAsDouble() - 1));
        Duration delay = Duration.ofMillis(Math.round(jittered));
        if (elapsed.plus(delay).compareTo(policy.maxTotal()) > 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    public RetryPolicy policy() {
        return policy;
    }
}
