package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.audit.RunLog;
import dev.slipway.audit.RunRecord;
import dev.slipway.audit.WriterSession;
import dev.slipway.config.Durations;
import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.SessionTimeouts;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillRuntime;
import dev.slipway.migrate.backfill.BackfillStopped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code slipway migrate}: takes the single-writer lock, checks the history is one a forward-only
 * run may continue, applies the pending migrations with lock and statement timeouts on every
 * connection, retries lock failures on a growing jittered schedule while recording who blocked, drops
 * INVALID indexes a failed concurrent build left, and records the run.
 *
 * <p>Errors found before the run could be recorded (bad location, unreachable database) are thrown;
 * everything after is returned in the {@link MigrationReport} with its error code.
 */
public final class MigrateStep {

    private static final Logger LOG = LoggerFactory.getLogger(MigrateStep.class);

    private final MigrateRequest request;
    private final RunProgress progress;
    private final UUID runId = UUID.randomUUID();
    private final String application = "slipway-migrate/" + runId.toString().substring(0, 8);

    public MigrateStep(MigrateRequest request, RunProgress progress) {
        this.request = request;
        this.progress = progress;
    }

    /** Runs the migration; see the class comment for what is thrown and what is reported. */
    public MigrationReport call() {
        MigrationSettings settings = request.settings();
        ConnectionSpec target = request.target();
        SessionTimeouts timeouts = new SessionTimeouts(settings.lockTimeout(), settings.statementTimeout());
        RowCounter rows = new RowCounter();
        BackfillListener told = request.backfills().listener();
        AtomicReference<StepTracker> steps = new AtomicReference<>();
        BackfillRuntime backfills = request.backfills().withListener(status -> {
            told.progressed(status);
            progress.backfill(status);
            StepTracker tracker = steps.get();
            if (tracker != null) {
                tracker.backfill(status);
            }
        });
        MigrationEngine engine = MigrationEngines.create(request.engine(),
                target.dataSource(application, timeouts), request.location(), settings, rows, backfills);
        Connection lockConnection = target.open("slipway-writer/" + RunContext.actor() + "@" + RunContext.host(), timeouts);
        try (RunLog log = RunLog.open(request.stateDbOrTarget())) {
            Run run = new Run(engine, log, rows, lockConnection);
            steps.set(run.tracker);
            return run.execute();
        } finally {
            closeQuietly(lockConnection);
        }
    }

    public UUID runId() {
        return runId;
    }

    /** The state of one call: what has been applied, retried and cleaned so far. */
    private final class Run {
        private final MigrationEngine engine;
        private final RunLog log;
        private final Connection lockConnection;
        private final StepTracker tracker;
        private final List<RetryEvent> retries = new ArrayList<>();
        private final List<String> dropped = new ArrayList<>();
        private final long start = System.nanoTime();
        private final Instant startedAt = Instant.now();
        private boolean recorded;

        Run(MigrationEngine engine, RunLog log, RowCounter rows, Connection lockConnection) {
            this.engine = engine;
            this.log = log;
            this.lockConnection = lockConnection;
            this.tracker = new StepTracker(runId, log, rows, progress);
        }

        MigrationReport execute() {
            try (WriterLock lock = WriterLock.acquire(lockConnection, request.settings().writerLockWait())) {
                MigrationStatus status = engine.status();
                recordStart();
                InterruptedRuns.sweep(log, runId, lockConnection);
                HistoryCheck.verify(status, request.settings().outOfOrder());
                if (request.dryRun()) {
                    return finish("dry-run", null, engine.dryRun());
                }
                applyWithRetries();
                return finish("succeeded", null, List.of());
            } catch (MigrationFailedException e) {
                tracker.finalFailure(e);
                return finish("failed", e, List.of());
            } catch (BackfillStopped e) {
                return finish("failed", e, List.of());
            } catch (SlipwayException e) {
                return finish("refused", e, List.of());
            } catch (RuntimeException e) {
                LOG.error("migrate run {} failed unexpectedly", runId, e);
                return finish("failed", new SlipwayException(ErrorCode.INTERNAL, "the run stopped on an unexpected "
                        + "error (a bug in Slipway; please report it): " + e, e), List.of());
            }
        }

        private void applyWithRetries() {
            InvalidIndexSweeper sweeper = InvalidIndexSweeper.snapshot(connections());
            RetrySchedule schedule = new RetrySchedule(request.settings().retry(), ThreadLocalRandom.current()::nextDouble);
            long firstTry = System.nanoTime();
            try (BlockerProbe probe = new BlockerProbe(connections(), application,
                    BlockerProbe.intervalFor(request.settings().lockTimeout())).start()) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        engine.migrate(tracker);
                        return;
                    } catch (MigrationFailedException e) {
                        sweep(sweeper);
                        waitBeforeRetry(e, attempt, schedule, probe.takeLastSeen(), firstTry);
                    }
                }
            }
        }

        private void waitBeforeRetry(MigrationFailedException e, int attempt, RetrySchedule schedule,
                                     List<BlockingSession> blockers, long firstTry) {
            if (!e.isLockFailure()) {
                throw explained(e);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - firstTry);
            Optional<Duration> delay = schedule.delayAfter(attempt, elapsed);
            if (delay.isEmpty() || !engine.prepareRetry(e)) {
                throw LockFailures.exhausted(e, attempt, blockers, request.settings(), delay.isPresent());
            }
            RetryEvent event = new RetryEvent(e.migration(), attempt, e.sqlState(), delay.get().toMillis(), blockers);
            tracker.retried(e);
            retries.add(event);
            progress.retrying(event);
            LOG.info("{} blocked (SQLSTATE {}), try {} failed; retrying in {} ms", e.migration(), e.sqlState(),
                    attempt, delay.get().toMillis());
            LockSupport.parkNanos(delay.get().toNanos());
        }

        /** A statement timeout says which limit it hit and what to do about it. */
        private MigrationFailedException explained(MigrationFailedException e) {
            if (e.code() != ErrorCode.STATEMENT_TIMEOUT) {
                return e;
            }
            return e.withDetail(". statement_timeout is " + Durations.format(request.settings().statementTimeout())
                    + ": make the migration faster (backfill in batches over several migrations) or raise it with"
                    + " --statement-timeout or statementTimeout in slipway.yaml");
        }

        private void sweep(InvalidIndexSweeper sweeper) {
            for (String index : sweeper.sweep()) {
                dropped.add(index);
                progress.droppedInvalidIndex(index);
            }
        }

        private Supplier<Connection> connections() {
            return () -> request.target().open("slipway-probe/" + runId.toString().substring(0, 8),
                    new SessionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        }

        /** Records the run's start once; reading the status first lets the state schema get ready meanwhile. */
        private void recordStart() {
            if (!recorded) {
                log.start(record());
                recorded = true;
            }
        }

        private RunRecord record() {
            MigrationSettings s = request.settings();
            WriterInfo server = WriterInfo.of(lockConnection);
            return new RunRecord(runId, "migrate", engine.kind().id(), engine.toolVersion(), RunContext.slipwayVersion(),
                    server.version, request.target().redactedUrl(), request.location().toString(), request.commit(),
                    RunContext.actor(), RunContext.host(), request.dryRun(), s.lockTimeout(), s.statementTimeout(),
                    startedAt, server.writer);
        }

        private MigrationReport finish(String outcome, SlipwayException error, List<String> plan) {
            ErrorCode code = error == null ? null : error.code();
            String message = error == null ? null : error.getMessage();
            recordStart();
            log.finish(runId, outcome, code, message);
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return new MigrationReport(runId, engine.kind().id(), engine.toolVersion(), request.target().redactedUrl(),
                    request.location().toString(), outcome, tracker.steps(), List.copyOf(retries), List.copyOf(dropped),
                    plan, ms, code == null ? null : code.name(), message, error == null ? 0 : error.exitCode());
        }
    }

    /** The target's version, the session holding the writer lock and its server's identity; nulls if unknown. */
    private record WriterInfo(String version, WriterSession writer) {

        static WriterInfo of(Connection lock) {
            try (Statement st = lock.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting("
                    + "'server_version'), pg_backend_pid(), (SELECT backend_start FROM pg_stat_activity WHERE pid = "
                    + "pg_backend_pid()), pg_postmaster_start_time()")) {
                rs.next();
                return new WriterInfo(rs.getString(1), rs.getTimestamp(3) == null ? null : new WriterSession(
                        rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                        InterruptedRuns.systemIdentifier(lock)));
            } catch (SQLException e) {
                return new WriterInfo(null, null);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing writer lock connection: {}", e.getMessage());
        }
    }

}
