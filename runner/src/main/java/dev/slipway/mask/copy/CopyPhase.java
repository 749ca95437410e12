package dev.slipway.mask.copy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.mask.catalog.RowSecurity;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.MaskPlan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies every table of a plan with {@code jobs} jobs. Each job is a reader, with its own source connection
 * in the exported snapshot of the run (so all tables are read as of one moment, as {@code pg_dump -j} does),
 * and a writer with its own target connection, joined by a queue of at most {@value #QUEUED} chunks: reading
 * and masking go on while the writer waits for the target. Readers begin at {@link #start}, before the
 * target's schema exists; writers at {@link #finish}. Large tables are split into page ranges
 * ({@link CopyTask}) that all jobs share; progress and results are per table. The first failure stops the
 * others; {@link #close} stops whatever still runs.
 */
public final class CopyPhase implements AutoCloseable {

    /** Chunks (of about {@value TableCopy#CHUNK} bytes) a reader may be ahead of its writer. */
    static final int QUEUED = 24;

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final String snapshot;
    private final MaskProgress progress;
    private final Map<TableName, TableTally> tallies = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<CopyTask> tasks;
    private final List<BlockingQueue<CopyChunk>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<TableCopy.Result> results = Collections.synchronizedList(new ArrayList<>());
    private final long totalBytes;
    private long start;

    private CopyPhase(ConnectionSpec source, ConnectionSpec target, String snapshot, MaskProgress progress,
                      List<CopyTask> tasks, long totalBytes) {
        this.source = source;
        this.target = target;
        this.snapshot = snapshot;
        this.progress = progress;
        this.tasks = new ConcurrentLinkedQueue<>(tasks);
        this.totalBytes = totalBytes;
        tasks.forEach(t -> tallies.putIfAbsent(t.table().table(), new TableTally(t.table(), t.parts())));
    }

    /** Starts {@code setup.jobs()} readers of {@code tables}: they read and mask ahead, into bounded memory. */
    public static CopyPhase start(ConnectionSpec source, ConnectionSpec target, String snapshot, MaskProgress progress,
                           List<TablePlan> tables, CopyTask.Setup setup) {
        if (!snapshot.matches("[0-9A-F]+-[0-9A-F]+-[0-9]+")) {
            throw new IllegalArgumentException("not a snapshot id: " + snapshot);
        }
        List<CopyTask> tasks = CopyTask.split(tables, setup);
        CopyPhase phase = new CopyPhase(source, target, snapshot, progress, tasks,
                tables.stream().mapToLong(t -> Math.max(1, t.bytes())).sum());
        for (int i = 0; i < Math.max(1, Math.min(setup.jobs(), tasks.size())); i++) {
            BlockingQueue<CopyChunk> queue = new ArrayBlockingQueue<>(QUEUED);
            phase.queues.add(queue);
            phase.thread("slipway-mask-read", () -> phase.read(queue));
        }
        return phase;
    }

    /**
     * Starts the writers, once the target's tables exist, and waits for every table; returns one result per table.
     *
     * @throws SlipwayException {@link ErrorCode#MASK_FAILED}: the first failure of any reader or writer
     */
    public List<TableCopy.Result> finish() {
        start = System.nanoTime();
        for (BlockingQueue<CopyChunk> queue : List.copyOf(queues)) {
            thread("slipway-mask-write", () -> write(queue));
        }
        for (Thread t : List.copyOf(threads)) {
            join(t);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return List.copyOf(results);
    }

    /** Stops readers and writers still running (after a failure elsewhere) and waits for them. */
    @Override
    public void close() {
        failure.compareAndSet(null, new SlipwayException(ErrorCode.MASK_FAILED, "the copy was stopped"));
        for (Thread t : List.copyOf(threads)) {
            join(t);
        }
    }

    private void thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void read(BlockingQueue<CopyChunk> queue) {
        try (Connection src = openSource()) {
            CopyTask task;
            while (failure.get() == null && (task = tasks.poll()) != null) {
                new TableCopy(task).read(src, chunk -> hand(queue, chunk));
            }
            src.rollback();
            hand(queue, CopyChunk.END);
        } catch (SQLException e) {
            failed(new SlipwayException(ErrorCode.MASK_FAILED, "a source connection of the copy failed: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e));
        } catch (RuntimeException e) {
            failed(e);
        } catch (InterruptedException e) {
            failed(new SlipwayException(ErrorCode.MASK_FAILED, "the copy was interrupted"));
        }
    }

    /** Puts {@code chunk} on the queue, waiting while it is full; gives up when the copy failed elsewhere. */
    private void hand(BlockingQueue<CopyChunk> queue, CopyChunk chunk) throws InterruptedException {
        while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            stopIfFailed();
        }
    }

    private void write(BlockingQueue<CopyChunk> queue) {
        CopyWriter writer = null;
        try (Connection tgt = openTarget()) {
            writer = new CopyWriter(tgt);
            for (CopyChunk chunk = next(queue); chunk != CopyChunk.END; chunk = next(queue)) {
                written(chunk, writer.write(chunk));
            }
        } catch (SQLException e) {
            failed(new SlipwayException(ErrorCode.MASK_FAILED, "a target connection of the copy failed: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e));
        } catch (RuntimeException e) {
            if (writer != null) {
                writer.cancel();
            }
            failed(e);
        }
    }

    private CopyChunk next(BlockingQueue<CopyChunk> queue) {
        try {
            CopyChunk chunk;
            while ((chunk = queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
                stopIfFailed();
            }
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.MASK_FAILED, "the copy was interrupted");
        }
    }

    private void stopIfFailed() {
        if (failure.get() != null) {
            throw new SlipwayException(ErrorCode.MASK_FAILED, "the copy stopped: another table failed");
        }
    }

    private void failed(RuntimeException e) {
        failure.compareAndSet(null, e);
    }

    private void written(CopyChunk chunk, long bytes) {
        TableTally tally = tallies.get(chunk.task().table().table());
        tally.started();
        boolean due = tally.add(chunk.rows(), chunk.bytes(), bytes);
        TableCopy.Result whole = chunk.last() ? tally.partDone() : null;
        if (whole != null) {
            results.add(whole);
            report(tally, true);
        } else if (due) {
            report(tally, false);
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
        RowSecurity.noHiddenRows(c);
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

    private void report(TableTally tally, boolean finished) {
        progress.table(tally.plan().table(), tally.rows(), tally.rowsPerSecond(), finished, timeLeft());
    }

    /** From the share done of each table's rows, weighted by its size on disk; null until some rows moved. */
    private Duration timeLeft() {
        double fraction = tallies.values().stream().mapToDouble(t -> t.share(totalBytes)).sum();
        long elapsed = System.nanoTime() - start;
        if (fraction <= 0.001) {
            return null;
        }
        return Duration.ofNanos((long) (elapsed * Math.max(0, 1 - Math.min(1, fraction)) / fraction));
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.MASK_FAILED, "the copy was interrupted; the target stays marked "
                    + "incomplete");
        }
    }
}
