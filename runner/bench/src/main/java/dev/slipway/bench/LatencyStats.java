package dev.slipway.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Client query latencies over a window of time, in milliseconds rounded to 0.1 ms.
 *
 * @param queries queries that ran at some moment of the window
 * @param maxMs   the longest one: the longest stall a client saw
 */
public record LatencyStats(int queries, double p50Ms, double p99Ms, double maxMs) {

    /** Statistics of latencies given in nanoseconds, gathered from several clients. */
    static LatencyStats of(List<long[]> perClient) {
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            return new LatencyStats(0, 0, 0, 0);
        }
        return new LatencyStats(all.length, ms(percentile(all, 0.50)), ms(percentile(all, 0.99)), ms(all[all.length - 1]));
    }

    /** The nearest-rank percentile {@code q} (0 &lt; q ≤ 1) of sorted values. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
