package dev.slipway.bench;

import dev.slipway.config.Durations;
import dev.slipway.config.RetryPolicy;
import java.util.List;
import java.util.Locale;

/**
 * What {@code slipway bench lock-safety} measured, and whether the targets were met: Slipway's longest
 * client stall at most {@code lock_timeout} + {@value #STALL_MARGIN_MS} ms, plain Flyway's about the hold
 * time left when it started (within ±{@value #FLYWAY_TOLERANCE_PERCENT} %, which shows the set-up reproduced
 * the problem), and both migrations succeeding once the blocker has released its lock.
 */
public record LockSafetyReport(Machine machine, Parameters parameters, Phase flyway, Phase slipway,
                               List<Check> checks, boolean targetsMet) {

    /** Slack on Slipway's stall target over its lock timeout. */
    public static final long STALL_MARGIN_MS = 250;
    /** How far plain Flyway's longest stall may be from the hold time left when it started. */
    public static final int FLYWAY_TOLERANCE_PERCENT = 25;

    /** The benchmark's parameters, as run. */
    public record Parameters(int rows, int clients, long holdMs, long lockTimeoutMs, String retryPolicy,
                             long warmUpMs) {
    }

    /**
     * One tool's run.
     *
     * @param holdLeftAtStartMs     how much longer the blocker held its lock when the migration started
     * @param finishedAfterReleaseMs how long after the blocker's release the migration ended; {@code null}
     *                              when it ended while the lock was still held
     * @param baseline              client latencies during the warm-up, before the blocker
     * @param duringMigration       client latencies of the queries that ran while the migration ran
     * @param clientErrors          client queries that failed (none should)
     */
    public record Phase(String tool, boolean succeeded, long migrationMs, int retries, String error,
                        long holdLeftAtStartMs, Long finishedAfterReleaseMs, LatencyStats baseline,
                        LatencyStats duringMigration, int clientErrors) {

        boolean succeededAfterRelease() {
            return succeeded && finishedAfterReleaseMs != null && finishedAfterReleaseMs >= 0;
        }
    }

    /** The report of a run, with its targets checked. */
    static LockSafetyReport of(Machine machine, LockSafetyBench.Options options, Phase flyway, Phase slipway) {
        long lockTimeout = options.settings().lockTimeout().toMillis();
        Parameters p = new Parameters(options.rows(), options.clients(), options.hold().toMillis(), lockTimeout,
                describe(options.settings().retry()), LockSafetyBench.WARM_UP.toMillis());
        List<Check> checks = List.of(slipwayStall(slipway, lockTimeout), flywayStall(flyway),
                succeeded(flyway), succeeded(slipway));
        return new LockSafetyReport(machine, p, flyway, slipway, checks, checks.stream().allMatch(Check::passed));
    }

    private static Check slipwayStall(Phase slipway, long lockTimeoutMs) {
        double max = slipway.duringMigration().maxMs();
        long limit = lockTimeoutMs + STALL_MARGIN_MS;
        return new Check("Slipway: longest client stall ≤ lock_timeout + " + STALL_MARGIN_MS + " ms", ms(max),
                "≤ " + limit + " ms", max <= limit);
    }

    private static Check flywayStall(Phase flyway) {
        double max = flyway.duringMigration().maxMs();
        double left = flyway.holdLeftAtStartMs();
        double low = left * (100 - FLYWAY_TOLERANCE_PERCENT) / 100;
        double high = left * (100 + FLYWAY_TOLERANCE_PERCENT) / 100;
        return new Check("plain Flyway: longest client stall ≈ hold time left at its start", ms(max),
                String.format(Locale.ROOT, "%.0f–%.0f ms", low, high), max >= low && max <= high);
    }

    private static Check succeeded(Phase phase) {
        String observed = !phase.succeeded() ? "failed" : phase.succeededAfterRelease()
                ? "succeeded " + phase.finishedAfterReleaseMs() + " ms after release" : "succeeded while blocked?";
        return new Check(phase.tool() + ": migration succeeds after the blocker ends", observed, "succeeded",
                phase.succeededAfterRelease());
    }

    static String describe(RetryPolicy r) {
        return String.format(Locale.ROOT, "%d tries, waits from %s ×%.1f up to %s ±%.0f%%, within %s", r.maxAttempts(),
                Durations.format(r.initialDelay()), r.multiplier(), Durations.format(r.maxDelay()), r.jitter() * 100,
                Durations.format(r.maxTotal()));
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f ms", value);
    }
}
