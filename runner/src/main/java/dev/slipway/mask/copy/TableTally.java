package dev.slipway.mask.copy;

import dev.slipway.mask.rules.MaskPlan.TablePlan;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table's copy over its parts ({@link CopyTask}): rows and bytes so far, when its first part began, and
 * its result once the last part is done. Thread-safe: the parts may be copied by several jobs at once.
 */
public final class TableTally {

    private static final long REPORT_INTERVAL_NANOS = 2_000_000_000L;

    private final TablePlan plan;
    private final AtomicInteger partsLeft;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong();

    TableTally(TablePlan plan, int parts) {
        this.plan = plan;
        this.partsLeft = new AtomicInteger(parts);
    }

    TablePlan plan() {
        return plan;
    }

    /** Rows are being written: the first time starts the table's clock; its first progress line is due 2 s later. */
    void started() {
        long now = System.nanoTime();
        if (started.compareAndSet(0, now)) {
            lastReport.set(now);
        }
    }

    /**
     * Adds a chunk's rows, the bytes they took in the source and the bytes written; returns whether a progress
     * line is due (one every 2 s).
     */
    boolean add(long moreRows, long moreBytesIn, long moreBytesOut) {
        rows.addAndGet(moreRows);
        bytesIn.addAndGet(moreBytesIn);
        bytesOut.addAndGet(moreBytesOut);
        long now = System.nanoTime();
        long last = lastReport.get();
        return now - last >= REPORT_INTERVAL_NANOS && lastReport.compareAndSet(last, now);
    }

    /** Records that a part is done; returns the table's result when it was the last, else null. */
    TableCopy.Result partDone() {
        if (partsLeft.decrementAndGet() > 0) {
            return null;
        }
        return new TableCopy.Result(plan.table(), rows.get(), bytesIn.get(), bytesOut.get(), nanos() / 1_000_000);
    }

    long rows() {
        return rows.get();
    }

    double rowsPerSecond() {
        return rows.get() / Math.max(1e-3, nanos() / 1e9);
    }

    /** The share of the whole copy this table has done, weighted by its size among {@code totalBytes}. */
    double share(long totalBytes) {
        long done = rows.get();
        long estimate = Math.max(1, partsLeft.get() == 0 ? done : Math.max(done, plan.estimatedRows()));
        return (double) Math.min(done, estimate) / estimate * Math.max(1, plan.bytes()) / totalBytes;
    }

    private long nanos() {
        long s = started.get();
        return s == 0 ? 0 : System.nanoTime() - s;
    }
}
