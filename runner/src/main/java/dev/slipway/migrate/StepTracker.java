package dev.slipway.migrate;

import dev.slipway.audit.RunLog;
import dev.slipway.audit.StepRecord;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Follows the migrations of one run as the engine reports them: times each, counts its rows and
 * retries, writes a step row to the run log and tells the progress listener. Not thread-safe.
 */
final class StepTracker implements MigrationListener {

    private final UUID runId;
    private final RunLog log;
    private final RowCounter rows;
    private final RunProgress progress;
    private final List<StepReport> steps = new ArrayList<>();
    private final Map<String, Integer> retries = new HashMap<>();
    private int ordinal;
    private MigrationEntry current;
    private Instant startedAt;
    private long startNanos;
    private Long rowsWhenFailed;
    private volatile BackfillStatus backfill;

    StepTracker(UUID runId, RunLog log, RowCounter rows, RunProgress progress) {
        this.runId = runId;
        this.log = log;
        this.rows = rows;
        this.progress = progress;
    }

    @Override
    public void started(MigrationEntry migration) {
        current = migration;
        startedAt = Instant.now();
        startNanos = System.nanoTime();
        rowsWhenFailed = null;
        backfill = null;
        rows.take();
    }

    /** The current migration runs as a backfill, and this is where it stands. */
    void backfill(BackfillStatus status) {
        backfill = status;
    }

    @Override
    public void succeeded(MigrationEntry migration) {
        StepReport step = record("succeeded", null, rows.take());
        steps.add(step);
        progress.migrated(step);
        current = null;
    }

    /**
     * Counts the rows of the failed try now, before the engine writes its own bookkeeping (a failed
     * history row, say); the step is recorded by retried() or finalFailure(), once the run knows which it is.
     */
    @Override
    public void failed(MigrationEntry migration) {
        rowsWhenFailed = rows.take();
    }

    /** The migration that was running when a try failed, or {@code null} if none had started. */
    MigrationEntry current() {
        return current;
    }

    /** The try of the current migration failed with {@code failure} and will be retried. */
    void retried(MigrationFailedException failure) {
        if (current != null) {
            record("retried", failure.getMessage(), rowsOf(failure));
            retries.merge(current.displayName(), 1, Integer::sum);
            current = null;
        }
    }

    /** The current migration failed for good with {@code failure}. */
    void finalFailure(MigrationFailedException failure) {
        if (current != null) {
            StepReport step = record("failed", failure.getMessage(), rowsOf(failure));
            steps.add(step);
            progress.migrated(step);
            current = null;
        }
    }

    int retriesOf(String migration) {
        return retries.getOrDefault(migration, 0);
    }

    List<StepReport> steps() {
        return List.copyOf(steps);
    }

    /** A rolled-back try changed nothing; one outside a transaction keeps what its statements changed. */
    private Long rowsOf(MigrationFailedException failure) {
        Long counted = rows.take();
        if (failure.transactional()) {
            return 0L;
        }
        return rowsWhenFailed != null ? rowsWhenFailed : counted;
    }

    private StepReport record(String outcome, String error, Long affected) {
        long ms = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        String name = current.displayName();
        int tries = retriesOf(name);
        log.step(runId, new StepRecord(++ordinal, name, current.description(), current.current(), startedAt, ms,
                tries, affected, outcome, error));
        return new StepReport(name, current.description(), ms, tries, affected, outcome, backfill);
    }
}
