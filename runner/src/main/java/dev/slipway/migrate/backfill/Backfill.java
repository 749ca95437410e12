package dev.slipway.migrate.backfill;

import dev.slipway.ErrorCode;
import dev.slipway.config.Durations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one backfill on a connection that has the run's lock and statement timeouts: keyset-paginated batches over
 * its table's {@link BatchKey}, each batch and its progress committed together. Before each batch every
 * {@link Throttle} is asked and the backfill waits while one holds (a wait longer than {@code max-pause} stops the
 * run); a batch that hits {@code lock_timeout} or a deadlock is rolled back and retried smaller after a growing,
 * jittered backoff; one that hits {@code statement_timeout} is retried a quarter of the size; the size otherwise
 * follows the target batch time (at most halved or doubled per batch); the duty cycle rests between batches.
 */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
    private static final long POLL_NANOS = Duration.ofMillis(250).toNanos();
    private static final long STATUS_WRITE_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int LOCK_RETRIES = 30;
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK = "40P01";
    private static final String QUERY_CANCELED = "57014";

    private final String migration;
    private final BackfillScript script;
    private final List<Throttle> throttles;
    private final BackfillListener listener;
    private final LongConsumer rowsChanged;

    /**
     * @param migration   the migration's script, the key of its progress
     * @param throttles   asked before each batch
     * @param rowsChanged told the rows of each committed batch
     */
    public Backfill(String migration, BackfillScript script, List<Throttle> throttles, BackfillListener listener,
                    LongConsumer rowsChanged) {
        if (script.update() == null) {
            throw new IllegalArgumentException(migration + " has problems: " + script.problems());
        }
        this.migration = migration;
        this.script = script;
        this.throttles = List.copyOf(throttles);
        this.listener = listener;
        this.rowsChanged = rowsChanged;
    }

    /** The hash that ties progress to the statement's text (whitespace aside; the settings may change). */
    static String statementHash(BackfillScript.Update u) {
        String text = (u.only() ? "ONLY " : "") + u.target() + " SET " + u.set() + (u.where() == null ? "" : " WHERE " + u.where());
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.replaceAll("\\s+", " ").strip()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the backfill to its end, or resumes it after its last committed batch. {@code c} is in autocommit and is
     * left so.
     *
     * @return its status at the end ({@code finished})
     * @throws BackfillStopped when it stopped early; its committed batches and progress stay
     */
    public BackfillStatus run(Connection c) throws SQLException {
        return new Run(c).execute();
    }

    /** The state of one run of the backfill. */
    private final class Run {
        private final Connection c;
        private final BackfillSettings settings = script.settings();
        private final BackfillScript.Update update = script.update();
        private final Map<String, Double> paused = new LinkedHashMap<>();
        private final long start = System.nanoTime();
        private BatchKey key;
        private List<String> lastKey = List.of();
        private long rowsDone;
        private long rowsThisRun;
        private long batches;
        private int batchSize;
        private long batchMillis;
        private double lagMax = -1;
        private Instant startedAt = Instant.now();
        private String bound;
        private String boundFirst;
        private String updateRange;
        private String updateRangeFirst;
        private String updateRest;
        private String updateAll;

        Run(Connection c) {
            this.c = c;
        }

        BackfillStatus execute() throws SQLException {
            BackfillProgress.prepare(c);
            key = BatchKey.of(c, update.name(), migration);
            prepareSql();
            String hash = statementHash(update);
            batchSize = settings.firstBatch();
            Optional<BackfillProgress.Row> before = BackfillProgress.find(c, migration);
            if (before.isPresent()) {
                BackfillProgress.Row row = before.get();
                if (!row.statementHash().equals(hash) || !row.keyColumns().equals(key.columns())) {
                    throw new BackfillStopped(ErrorCode.CHECKSUM_DRIFT, migration, migration + " changed since its "
                            + "backfill started: " + row.status().rowsDone() + " rows of " + row.status().table()
                            + " up to key " + row.status().lastKey() + " were updated by the earlier statement"
                            + (row.keyColumns().equals(key.columns()) ? "" : " (paging over " + row.keyColumns() + ")")
                            + ". Restore the statement as it was, or, to start over knowing those rows get updated "
                            + "again, delete its progress: DELETE FROM " + BackfillProgress.TABLE + " WHERE migration = '"
                            + migration.replace("'", "''") + "'", null);
                }
                BackfillStatus s = row.status();
                if ("finished".equals(s.state())) {
                    LOG.info("backfill {} already finished ({} rows); nothing left to do", migration, s.rowsDone());
                    return s;
                }
                lastKey = s.lastKey();
                rowsDone = s.rowsDone();
                batches = s.batches();
                batchSize = Math.max(settings.minBatch(), Math.min(settings.maxBatch(), s.batchSize()));
                paused.putAll(s.pausedSeconds());
                lagMax = s.lagMaxSeconds();
                startedAt = s.startedAt();
                LOG.info("backfill {} resumes after key {} ({} rows done)", migration, lastKey, rowsDone);
            }
            BackfillProgress.begin(c, status("running", null), hash, key.columns());
            listener.progressed(status("running", null));
            try {
                while (true) {
                    waitForThrottles();
                    if (batch()) {
                        BackfillStatus done = status("finished", null);
                        listener.progressed(done);
                        return done;
                    }
                    listener.progressed(status("running", null));
                    rest();
                }
            } catch (BackfillStopped e) {
                fail(e.getMessage());
                throw e;
            } catch (SQLException e) {
                String why = "a batch failed (SQLSTATE " + e.getSQLState() + "): " + e.getMessage();
                fail(why);
                throw new BackfillStopped(ErrorCode.MIGRATION_FAILED, migration, migration + ": " + why + ". "
                        + kept(), e);
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }

        private void prepareSql() {
            String only = update.only() ? "ONLY " : "";
            String cond = update.where() == null ? "" : " AND (" + update.where() + ")";
            String where = update.where() == null ? "" : " WHERE (" + update.where() + ")";
            String row = key.row(update.reference());
            String unqualified = key.columns().size() == 1 ? key.list() : "(" + key.list() + ")";
            boundFirst = "SELECT " + key.asText() + " FROM " + only + update.name() + " ORDER BY " + key.list()
                    + " OFFSET ? LIMIT 1";
            bound = "SELECT " + key.asText() + " FROM " + only + update.name() + " WHERE " + unqualified + " > "
                    + key.parameters() + " ORDER BY " + key.list() + " OFFSET ? LIMIT 1";
            String head = "UPDATE " + only + update.target() + " SET " + update.set();
            updateRangeFirst = head + " WHERE " + row + " <= " + key.parameters() + cond;
            updateRange = head + " WHERE " + row + " > " + key.parameters() + " AND " + row + " <= " + key.parameters() + cond;
            updateRest = head + " WHERE " + row + " > " + key.parameters() + cond;
            updateAll = head + where;
        }

        /** Waits while a throttle holds; a single wait longer than max-pause stops the run. */
        private void waitForThrottles() throws SQLException {
            long since = -1;
            long lastWrite = 0;
            Throttle.Hold hold;
            while ((hold = holding()) != null) {
                long now = System.nanoTime();
                if (since < 0) {
                    since = now;
                    LOG.info("backfill {} paused: {}", migration, hold.text());
                }
                long waited = now - since;
                if (waited > settings.maxPause().toNanos()) {
                    throw new BackfillStopped(ErrorCode.MIGRATION_FAILED, migration, migration + ": the backfill "
                            + "waited longer than max-pause=" + Durations.format(settings.maxPause()) + " for "
                            + hold.text() + ". " + kept() + " Raise max-pause on its " + BackfillSettings.MARKER
                            + " line, or run it again when the cause is gone", null);
                }
                if (now - lastWrite > STATUS_WRITE_NANOS) {
                    BackfillStatus s = status("paused", hold.text());
                    BackfillProgress.write(c, s, false);
                    listener.progressed(s);
                    lastWrite = now;
                }
                LockSupport.parkNanos(POLL_NANOS);
                add(hold.reason(), (System.nanoTime() - now) / 1e9);
            }
            if (since >= 0) {
                LOG.info("backfill {} resumed after {} s", migration, String.format("%.1f", (System.nanoTime() - since) / 1e9));
            }
        }

        private Throttle.Hold holding() {
            Throttle.Hold first = null;
            for (Throttle t : throttles) {
                Optional<Throttle.Hold> h = t.check(settings);
                t.lagSeconds().ifPresent(l -> lagMax = Math.max(lagMax, l));
                if (h.isPresent() && first == null) {
                    first = h.get();
                }
            }
            return first;
        }

        /** One batch and its progress, committed together; true when it was the last. */
        private boolean batch() throws SQLException {
            int lockFailures = 0;
            while (true) {
                long t0 = System.nanoTime();
                c.setAutoCommit(false);
                try {
                    List<String> upper = upperBound();
                    long bounded = System.nanoTime();
                    long n;
                    if (upper == null) {
                        n = lastKey.isEmpty() ? execute(updateAll, List.of()) : execute(updateRest, lastKey);
                    } else if (lastKey.isEmpty()) {
                        n = execute(updateRangeFirst, upper);
                    } else {
                        List<String> both = new ArrayList<>(lastKey);
                        both.addAll(upper);
                        n = execute(updateRange, both);
                    }
                    long elapsed = System.nanoTime() - t0;
                    rowsDone += n;
                    rowsThisRun += n;
                    batches++;
                    batchMillis = elapsed / 1_000_000;
                    boolean last = upper == null;
                    if (!last) {
                        lastKey = upper;
                    }
                    int used = batchSize;
                    if (!last) {
                        batchSize = tuned(used, elapsed);
                    }
                    BackfillProgress.write(c, status(last ? "finished" : "running", null), last);
                    c.commit();
                    c.setAutoCommit(true);
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("backfill {} batch {}: {} rows; bound {} ms, update {} ms, progress and commit {} ms",
                                migration, batches, n, (bounded - t0) / 1_000_000, (t0 + elapsed - bounded) / 1_000_000,
                                (System.nanoTime() - t0 - elapsed) / 1_000_000);
                    }
                    rowsChanged.accept(n);
                    return last;
                } catch (SQLException e) {
                    c.rollback();
                    c.setAutoCommit(true);
                    String state = e.getSQLState();
                    if (LOCK_NOT_AVAILABLE.equals(state) || DEADLOCK.equals(state)) {
                        lockFailures++;
                        if (lockFailures > LOCK_RETRIES) {
                            throw new BackfillStopped(ErrorCode.LOCK_TIMEOUT, migration, migration + ": a batch of "
                                    + batchSize + " rows of " + key.table() + " could not get its row locks in "
                                    + LOCK_RETRIES + " tries (" + (DEADLOCK.equals(state) ? "deadlock" : "lock_timeout")
                                    + "): another session holds them. " + kept(), e);
                        }
                        batchSize = Math.max(settings.minBatch(), batchSize / 2);
                        long backoff = backoffNanos(lockFailures);
                        LOG.info("backfill {}: a batch hit {}; retrying with {} rows in {} ms", migration,
                                DEADLOCK.equals(state) ? "a deadlock" : "lock_timeout", batchSize, backoff / 1_000_000);
                        listener.progressed(status("running", "lock wait: retrying smaller"));
                        LockSupport.parkNanos(backoff);
                        add("lock", backoff / 1e9);
                    } else if (QUERY_CANCELED.equals(state) && batchSize > settings.minBatch()) {
                        batchSize = Math.max(settings.minBatch(), batchSize / 4);
                        LOG.info("backfill {}: a batch hit statement_timeout; retrying with {} rows", migration, batchSize);
                    } else {
                        throw e;
                    }
                }
            }
        }

        /** The key of the last row of the next batch, or {@code null} when the rest fits in it. */
        private List<String> upperBound() throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(lastKey.isEmpty() ? boundFirst : bound)) {
                int i = 1;
                for (String k : lastKey) {
                    ps.setString(i++, k);
                }
                ps.setInt(i, batchSize - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    List<String> upper = new ArrayList<>();
                    for (int k = 1; k <= key.columns().size(); k++) {
                        upper.add(rs.getString(k));
                    }
                    return upper;
                }
            }
        }

        private long execute(String sql, List<String> keys) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (String k : keys) {
                    ps.setString(i++, k);
                }
                return ps.executeLargeUpdate();
            }
        }

        /** The next batch's size: towards the target time, at most halved or doubled, within the limits. */
        private int tuned(int used, long elapsedNanos) {
            double target = settings.batchTime().toNanos();
            double factor = Math.max(0.5, Math.min(2.0, target / Math.max(1, elapsedNanos)));
            long next = Math.round(used * factor);
            return (int) Math.max(settings.minBatch(), Math.min(settings.maxBatch(), next));
        }

        private long backoffNanos(int failures) {
            long base = Duration.ofMillis(50).toNanos() << Math.min(failures, 7);
            long capped = Math.min(base, Duration.ofSeconds(5).toNanos());
            return (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5));
        }

        /** Rests after a batch as the duty cycle says. */
        private void rest() {
            if (settings.duty() >= 1) {
                return;
            }
            long nanos = (long) (batchMillis * 1_000_000L * (1 - settings.duty()) / settings.duty());
            LockSupport.parkNanos(nanos);
            add("duty", nanos / 1e9);
        }

        private void add(String reason, double seconds) {
            paused.merge(reason, seconds, Double::sum);
        }

        private void fail(String why) {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                BackfillProgress.write(c, status("failed", why), false);
            } catch (SQLException e) {
                LOG.warn("backfill {}: cannot record that it stopped: {}", migration, e.getMessage());
            }
        }

        private String kept() {
            return "Its " + rowsDone + " rows done" + (lastKey.isEmpty() ? "" : " (up to key " + key.display() + " = "
                    + lastKey + ")") + " stay committed, and the next run resumes after them.";
        }

        private BackfillStatus status(String state, String reason) {
            double seconds = (System.nanoTime() - start) / 1e9;
            return new BackfillStatus(migration, key.table(), state, reason, rowsDone, key.estimate(), batches,
                    batchSize, lastKey, paused, lagMax, batchMillis, seconds > 0 ? rowsThisRun / seconds : 0,
                    startedAt, Instant.now());
        }
    }
}
