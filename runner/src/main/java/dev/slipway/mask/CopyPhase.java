package dev.slipway.mask;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.mask.MaskPlan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies every table of a plan with {@code jobs} threads, each with its own source connection in the
 * exported snapshot of the run (so all tables are read as of one moment, as {@code pg_dump -j} does) and
 * its own target connection. The first failure stops the other copies.
 */
final class CopyPhase {

    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final String snapshot;
    private final MaskProgress progress;
    private final long start = System.nanoTime();
    private final Map<TableName, long[]> done = new ConcurrentHashMap<>();
    private final Map<TableName, Long> lastReport = new ConcurrentHashMap<>();
    private final Map<TableName, Long> tableStart = new ConcurrentHashMap<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private long estimatedTotal;

    CopyPhase(ConnectionSpec source, ConnectionSpec target, String snapshot, MaskProgress progress) {
        if (!snapshot.matches("[0-9A-F]+-[0-9A-F]+-[0-9]+")) {
            throw new IllegalArgumentException("not a snapshot id: " + snapshot);
        }
        this.source = source;
        this.target = target;
        this.snapshot = snapshot;
        this.progress = progress;
    }

    List<TableCopy.Result> run(List<TablePlan> tables, int jobs) {
        estimatedTotal = tables.stream().mapToLong(t -> Math.max(1, t.bytes())).sum();
        ConcurrentLinkedQueue<TablePlan> queue = new ConcurrentLinkedQueue<>(tables);
        List<TableCopy.Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, tables.size())), r -> {
            Thread t = new Thread(r, "slipway-mask-copy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < Math.max(1, Math.min(jobs, tables.size())); i++) {
                workers.add(pool.submit(() -> work(queue, results)));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.MASK_FAILED, "the copy was interrupted; the target stays marked incomplete");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return List.copyOf(results);
    }

    private void work(ConcurrentLinkedQueue<TablePlan> queue, List<TableCopy.Result> results) {
        try (Connection src = openSource(); Connection tgt = openTarget()) {
            TablePlan t;
            while (failure.get() == null && (t = queue.poll()) != null) {
                tableStart.put(t.table(), System.nanoTime());
                TableCopy.Result r = new TableCopy(t).run(src, tgt, this::advanced, () -> failure.get() != null);
                results.add(r);
                report(t, r.rows(), true);
            }
            src.rollback();
        } catch (SQLException e) {
            failure.compareAndSet(null, new SlipwayException(ErrorCode.MASK_FAILED, "a copy connection failed: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e));
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private Connection openSource() throws SQLException {
        Connection c = source.open("slipway-mask", null);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        }
        return c;
    }

    private Connection openTarget() throws SQLException {
        Connection c = target.open("slipway-mask", null);
        try (Statement st = c.createStatement()) {
            // a crash mid-copy leaves the golden incomplete anyway; the mark itself is committed durably
            st.execute("SET synchronous_commit = off");
        }
        return c;
    }

    private void advanced(TablePlan t, long rows, long bytes) {
        done.put(t.table(), new long[] {rows, Math.max(1, t.estimatedRows()), Math.max(1, t.bytes())});
        long now = System.nanoTime();
        Long last = lastReport.get(t.table());
        if (last == null || now - last >= PROGRESS_INTERVAL_NANOS) {
            lastReport.put(t.table(), now);
            report(t, rows, false);
        }
    }

    private void report(TablePlan t, long rows, boolean finished) {
        done.put(t.table(), new long[] {rows, finished ? Math.max(1, rows) : Math.max(rows, t.estimatedRows()),
                Math.max(1, t.bytes())});
        double seconds = Math.max(1e-3, (System.nanoTime() - tableStart.getOrDefault(t.table(), start)) / 1e9);
        progress.table(t.table(), rows, rows / seconds, finished, timeLeft());
    }

    /** From the share done of each table's rows, weighted by its size on disk; null until some rows moved. */
    private Duration timeLeft() {
        double fraction = 0;
        for (long[] d : done.values()) {
            fraction += (double) Math.min(d[0], d[1]) / d[1] * d[2] / estimatedTotal;
        }
        long elapsed = System.nanoTime() - start;
        if (fraction <= 0.001) {
            return null;
        }
        return Duration.ofNanos((long) (elapsed * Math.max(0, 1 - Math.min(1, fraction)) / fraction));
    }
}
