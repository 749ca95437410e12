package dev.slipway.migrate;

import dev.slipway.audit.RunLog;
import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.SessionTimeouts;
import dev.slipway.migrate.backfill.BackfillProgress;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code slipway status}: what is applied, pending, failed, edited or missing, read without
 * changing anything and without taking the writer lock.
 */
public final class StatusStep {

    private static final Logger LOG = LoggerFactory.getLogger(StatusStep.class);

    private final ConnectionSpec target;
    private final EngineKind engine;
    private final Path location;
    private final MigrationSettings settings;
    private final boolean sweep;
    private final ConnectionSpec stateDb;

    public StatusStep(ConnectionSpec target, EngineKind engine, Path location, MigrationSettings settings) {
        this(target, engine, location, settings, false, null);
    }

    private StatusStep(ConnectionSpec target, EngineKind engine, Path location, MigrationSettings settings,
                       boolean sweep, ConnectionSpec stateDb) {
        this.target = target;
        this.engine = engine;
        this.location = location;
        this.settings = settings;
        this.sweep = sweep;
        this.stateDb = stateDb;
    }

    /**
     * The same status, which also records as {@code interrupted} the runs a killed {@code slipway migrate} left
     * {@code running} in {@code stateDb} (the target when {@code null}); only when its state schema is there.
     */
    public StatusStep recordingInterruptedRuns(ConnectionSpec stateDb) {
        return new StatusStep(target, engine, location, settings, true, stateDb);
    }

    /**
     * @throws dev.slipway.SlipwayException {@link dev.slipway.ErrorCode#CONNECTION_FAILED} naming the URL and the user
     *                                      when the target cannot be reached or refuses the login, as migrate does
     */
    public StatusReport call() {
        SessionTimeouts timeouts = new SessionTimeouts(settings.lockTimeout(), settings.statementTimeout());
        List<BackfillStatus> backfills = connectFirst(timeouts);
        MigrationEngine e = MigrationEngines.create(engine, target.dataSource("slipway-status", timeouts), location,
                settings, new RowCounter());
        MigrationStatus status = e.status();
        Map<MigrationState, Long> counts = new TreeMap<>();
        for (MigrationState s : MigrationState.values()) {
            counts.put(s, status.count(s));
        }
        return new StatusReport(engine.id(), e.toolVersion(), target.redactedUrl(), location.toString(), counts,
                status.entries(), backfills);
    }

    /**
     * The backfills the target records. One that says it is running or paused while no {@code slipway migrate} holds
     * the writer lock was left so by a run that stopped (killed, or its server restarted): it is shown as
     * {@code interrupted}, and the next run resumes it.
     */
    private static List<BackfillStatus> backfills(Connection c) {
        try {
            List<BackfillStatus> all = BackfillProgress.all(c);
            if (all.stream().noneMatch(b -> "running".equals(b.state()) || "paused".equals(b.state()))) {
                return all;
            }
            boolean writing = WriterLock.isHeld(c);
            return all.stream().map(b -> writing || !("running".equals(b.state()) || "paused".equals(b.state())) ? b
                    : new BackfillStatus(b.migration(), b.table(), "interrupted", "no slipway migrate is running on this"
                    + " database: the run that did this stopped; the next run resumes after its last batch",
                    b.rowsDone(), b.rowsEstimate(), b.batches(), b.batchSize(), b.lastKey(), b.pausedSeconds(),
                    b.lagMaxSeconds(), b.batchMillis(), 0, b.startedAt(), b.updatedAt())).toList();
        } catch (SQLException e) {
            LOG.warn("cannot read the backfills' progress: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * Connects once the way migrate does, so that a missing database, a wrong password or a closed port is the
     * connection error it is rather than whatever the engine makes of it; then looks for interrupted runs if asked.
     */
    private List<BackfillStatus> connectFirst(SessionTimeouts timeouts) {
        List<BackfillStatus> backfills = List.of();
        try (Connection c = target.open("slipway-status", timeouts)) {
            if (sweep) {
                sweepInterruptedRuns(c);
            }
            backfills = backfills(c);
        } catch (SQLException e) {
            // connected: closing is all that failed
        }
        return backfills;
    }

    private void sweepInterruptedRuns(Connection onTarget) {
        try {
            RunLog.openIfCurrent(stateDb != null ? stateDb : target).ifPresent(log -> {
                try (log) {
                    InterruptedRuns.sweep(log, null, onTarget);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot check for runs a killed migrate left running: {}", e.getMessage());
        }
    }
}
