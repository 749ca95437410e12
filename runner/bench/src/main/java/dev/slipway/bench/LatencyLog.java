package dev.slipway.bench;

import java.util.Arrays;

/**
 * The start and end ({@link System#nanoTime()}) of every query one client ran. Written by that client's
 * thread; read while it runs (the backfill bench measures each phase under the same running load), so both sides
 * hold its monitor, which the writer alone takes uncontended nearly always.
 */
final class LatencyLog {

    private long[] starts = new long[4096];
    private long[] ends = new long[4096];
    private int size;

    synchronized void record(long startNanos, long endNanos) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = startNanos;
        ends[size] = endNanos;
        size++;
    }

    /** The latencies, in nanoseconds, of the queries that ran at any moment between {@code from} and {@code to}. */
    synchronized long[] overlapping(long from, long to) {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (starts[i] <= to && ends[i] >= from) {
                out[n++] = ends[i] - starts[i];
            }
        }
        return Arrays.copyOf(out, n);
    }
}
