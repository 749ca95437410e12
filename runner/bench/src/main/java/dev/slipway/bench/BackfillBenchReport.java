package dev.slipway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code slipway bench backfill} measured: the same change of every row done as one plain UPDATE (plain
 * Flyway) and as Slipway's backfill, under the same client load, beside the load alone; and whether the targets were
 * met at the rows given: Slipway's lag at most its limit + 1 s, its clients' p99 at most 3× the baseline's, better
 * than the plain UPDATE on lag or p99, in at most 5× the plain UPDATE's time.
 */
public record BackfillBenchReport(Machine machine, Parameters parameters, Baseline baseline, Run naive, Slipway slipway,
                                  List<Check> checks, boolean targetsMet) {

    /** The benchmark's parameters, as run. */
    public record Parameters(int rows, int clients, long baselineMs, String standby) {
    }

    /**
     * The clients alone. The clients are a closed loop (each waits for its query before the next), so a client stuck
     * behind a row lock issues no queries while it waits and the percentiles undercount the stall: {@code appMaxMs}
     * (the longest query) and {@code queries} (how many were served) show it.
     */
    public record Baseline(double seconds, double appP99Ms, double appP50Ms, double appMaxMs, int queries) {
    }

    /** The plain UPDATE; client figures as in {@link Baseline}. */
    public record Run(boolean succeeded, double seconds, double appP99Ms, double appP50Ms, double appMaxMs, int queries,
                      double lagMaxSeconds, long rowsChanged, String error) {
    }

    /** Slipway's backfill, with its setting and what it reports of itself; client figures as in {@link Baseline}. */
    public record Slipway(boolean succeeded, double seconds, double appP99Ms, double appP50Ms, double appMaxMs,
                          int queries, double lagMaxSeconds,
                          double maxLagSetting, long rowsChanged, long batches, java.util.Map<String, Double> pausedSeconds,
                          String error) {
    }

    static BackfillBenchReport of(Machine machine, Parameters p, Baseline b, Run naive, Slipway s, int clientErrors,
                                  long rowsTouchedTwice) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("Slipway: standby lag max ≤ max-lag + 1 s", seconds(s.lagMaxSeconds()),
                "≤ " + seconds(s.maxLagSetting() + 1), s.succeeded() && s.lagMaxSeconds() <= s.maxLagSetting() + 1));
        checks.add(new Check("Slipway: clients' p99 ≤ 3 × baseline", ms(s.appP99Ms()), "≤ " + ms(3 * b.appP99Ms()),
                s.succeeded() && s.appP99Ms() <= 3 * b.appP99Ms()));
        boolean better = s.lagMaxSeconds() < naive.lagMaxSeconds() || s.appP99Ms() < naive.appP99Ms();
        checks.add(new Check("Slipway better than the plain UPDATE on lag or p99", seconds(s.lagMaxSeconds()) + " / "
                + ms(s.appP99Ms()), "< " + seconds(naive.lagMaxSeconds()) + " or < " + ms(naive.appP99Ms()), better));
        checks.add(new Check("Slipway's time ≤ 5 × the plain UPDATE's", seconds(s.seconds()), "≤ "
                + seconds(5 * naive.seconds()), s.succeeded() && naive.succeeded() && s.seconds() <= 5 * naive.seconds()));
        checks.add(new Check("every row changed once by each, no client query failed", rowsTouchedTwice + " rows, "
                + clientErrors + " errors", p.rows() + " rows, 0 errors", rowsTouchedTwice == p.rows() && clientErrors == 0));
        return new BackfillBenchReport(machine, p, b, naive, s, checks, checks.stream().allMatch(Check::passed));
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
