package dev.slipway.audit;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The record of runs in Slipway's own {@code slipway} schema, which may live in the target database
 * or in a separate state database. {@link #open} creates or upgrades the schema with Flyway when it
 * is behind (in the background), and keeps one autocommit connection for the run. Step rows are written by a background
 * thread, off the migration's path, in order; {@link #finish} waits for them, so a finished run's
 * record is complete. Not thread-safe: one run per log.
 */
public final class RunLog implements AutoCloseable {

    public static final String SCHEMA = "slipway";

    /** SQLSTATE insufficient_privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    /** The newest version under {@code db/slipway-state}: a state schema at it needs no Flyway run. */
    static final String SCHEMA_VERSION = "6";


    private final Connection connection;
    private final StepWriter steps;
    private final CompletableFuture<Void> schemaReady;

    private RunLog(Connection connection, CompletableFuture<Void> schemaReady) {
        this.connection = connection;
        this.schemaReady = schemaReady;
        this.steps = new StepWriter(connection);
    }

    /**
     * Opens the log in {@code stateDb}: connects now (so an unreachable state database stops the run
     * before anything is applied) and creates or upgrades the {@code slipway} schema in the background,
     * so that work overlaps the caller's; {@link #start} waits for it.
     */
    public static RunLog open(ConnectionSpec stateDb) {
        DataSource ds = stateDb.dataSource("slipway-state", null);
        try {
            Connection c = ds.getConnection();
            return new RunLog(c, CompletableFuture.runAsync(() -> {
                if (!current(c)) {
                    upgrade(ds, stateDb, holdsOnlyGoldenMark(c));
                }
            }));
        } catch (SQLException e) {
            throw stateDb.connectFailure(e);
        }
    }

    /**
     * Opens the log in {@code stateDb} only if its schema is there and current, changing nothing otherwise: for
     * commands that read, such as {@code slipway status}.
     *
     * @throws SlipwayException {@link ErrorCode#CONNECTION_FAILED} when the state database cannot be reached
     */
    public static Optional<RunLog> openIfCurrent(ConnectionSpec stateDb) {
        try {
            Connection c = stateDb.dataSource("slipway-state", null).getConnection();
            if (current(c)) {
                return Optional.of(new RunLog(c, CompletableFuture.completedFuture(null)));
            }
            c.close();
            return Optional.empty();
        } catch (SQLException e) {
            throw stateDb.connectFailure(e);
        }
    }

    /**
     * Creates or upgrades the {@code slipway} state schema in {@code stateDb} if it is not current;
     * safe to call from several processes at once (Flyway serialises them).
     */
    public static void ensureSchema(ConnectionSpec stateDb) {
        DataSource ds = stateDb.dataSource("slipway-state", null);
        try (Connection c = ds.getConnection()) {
            if (!current(c)) {
                upgrade(ds, stateDb, holdsOnlyGoldenMark(c));
            }
        } catch (SQLException e) {
            throw stateDb.connectFailure(e);
        }
    }

    private static boolean current(Connection c) {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM slipway.schema_history WHERE version = ? AND success")) {
            ps.setString(1, SCHEMA_VERSION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Whether the schema holds nothing but the golden mark ({@code slipway.golden}) and no history yet, as a golden
     * and its clones do (a masked copy makes no more of the schema). Flyway adopts such a schema (a baseline at
     * version 0, below every migration) instead of refusing it as someone else's.
     */
    private static boolean holdsOnlyGoldenMark(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('slipway.golden') IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = to_regnamespace(?) "
                + "AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND relname <> 'golden')")) {
            ps.setString(1, SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static void upgrade(DataSource ds, ConnectionSpec stateDb, boolean adopt) {
        try {
            FluentConfiguration flyway = Flyway.configure(RunLog.class.getClassLoader())
                    .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                    .dataSource(ds)
                    .schemas(SCHEMA)
                    .table("schema_history")
                    .locations("classpath:db/slipway-state")
                    .cleanDisabled(true)
                    .loggers("slf4j");
            if (adopt) {
                flyway.baselineOnMigrate(true).baselineVersion("0").baselineDescription("the golden mark came first");
            }
            flyway.load().migrate();
        } catch (FlywayException e) {
            SQLException sql = SchemaFailures.rootSql(e);
            if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                throw stateDb.connectFailure(sql);
            }
            if (sql != null && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
                throw SchemaFailures.missingPrivilege(ds, stateDb, sql, SCHEMA);
            }
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot create or upgrade Slipway's state schema '"
                    + SCHEMA + "' in " + stateDb.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Records the start of a run, outcome {@code running}, once the schema is ready. */
    public void start(RunRecord run) {
        awaitSchema();
        WriterSession w = run.writer();
        update("""
                INSERT INTO slipway.runs (id, command, engine, engine_version, slipway_version, server_version, target,
                  location, commit_sha, actor, host, dry_run, lock_timeout_ms, statement_timeout_ms, started_at, outcome,
                  writer_pid, writer_backend_start, writer_server_started, writer_system_identifier)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)""",
                run.id(), run.command(), run.engine(), run.engineVersion(), run.slipwayVersion(), run.serverVersion(),
                run.target(), run.location(), run.commit(), run.actor(), run.host(), run.dryRun(),
                run.lockTimeout().toMillis(), run.statementTimeout().toMillis(), ts(run.startedAt()),
                w == null ? null : w.pid(), w == null ? null : ts(w.backendStart()),
                w == null ? null : ts(w.serverStarted()), w == null ? null : w.systemIdentifier());
    }

    /** The runs other than {@code self} that are recorded as {@code running}, oldest first. */
    public List<RunningRun> running(UUID self) {
        awaitSchema();
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, target, host, started_at, writer_pid, "
                + "writer_backend_start, writer_server_started, writer_system_identifier FROM slipway.runs "
                + "WHERE outcome = 'running' "
                + "AND id IS DISTINCT FROM ? ORDER BY started_at")) {
            ps.setObject(1, self);
            List<RunningRun> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WriterSession w = rs.getObject(5) == null ? null : new WriterSession(rs.getInt(5),
                            instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getObject(8, Long.class));
                    found.add(new RunningRun(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            instant(rs.getTimestamp(4)), w));
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Records run {@code id}, if it is still {@code running}, as {@code interrupted} with {@code why}. */
    public boolean interrupt(UUID id, String why) {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE slipway.runs SET outcome = 'interrupted', "
                + "finished_at = now(), error = ? WHERE id = ? AND outcome = 'running'")) {
            ps.setString(1, why);
            ps.setObject(2, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Records one migration of run {@code runId}, in the background; {@link #finish} waits for it. */
    public void step(UUID runId, StepRecord step) {
        steps.add(runId, step);
    }

    /**
     * Waits for the step rows still being written, then records how run {@code runId} ended.
     *
     * @throws SlipwayException if a step row could not be written: the record would be incomplete
     */
    public void finish(UUID runId, String outcome, ErrorCode code, String error) {
        steps.flush();
        update("UPDATE slipway.runs SET finished_at = ?, outcome = ?, error_code = ?, error = ? WHERE id = ?",
                ts(Instant.now()), outcome, code == null ? null : code.name(), error, runId);
    }

    private void update(String sql, Object... values) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void awaitSchema() {
        try {
            schemaReady.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SlipwayException s ? s
                    : new SlipwayException(ErrorCode.INTERNAL, "cannot prepare Slipway's state schema: " + e.getCause(), e);
        }
    }

    private static SlipwayException failure(SQLException e) {
        return new SlipwayException(ErrorCode.INTERNAL, "cannot write Slipway's run record (schema " + SCHEMA + "): "
                + e.getMessage(), e);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    @Override
    public void close() {
        steps.abandon();
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to record
        }
    }
}
