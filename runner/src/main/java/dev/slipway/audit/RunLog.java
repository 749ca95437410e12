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
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The record of runs in Slipway's own {@code slipway} schema, which may live in the target database
 * or in a separate state database. {@link #open} creates or upgrades the schema with Flyway, then
 * keeps one autocommit connection for the run, so every row is visible as soon as it is written.
 * Not thread-safe.
 */
public final class RunLog implements AutoCloseable {

    public static final String SCHEMA = "slipway";

    private final Connection connection;

    private RunLog(Connection connection) {
        this.connection = connection;
    }

    /** Opens the log in {@code stateDb}, creating or upgrading the {@code slipway} schema first. */
    public static RunLog open(ConnectionSpec stateDb) {
        DataSource ds = stateDb.dataSource("slipway-state", null);
        upgrade(ds, stateDb);
        try {
            return new RunLog(ds.getConnection());
        } catch (SQLException e) {
            throw stateDb.connectFailure(e);
        }
    }

    private static void upgrade(DataSource ds, ConnectionSpec stateDb) {
        try {
            Flyway.configure(RunLog.class.getClassLoader())
                    .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                    .dataSource(ds)
                    .schemas(SCHEMA)
                    .table("schema_history")
                    .locations("classpath:db/slipway-state")
                    .cleanDisabled(true)
                    .loggers("slf4j")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            SQLException sql = rootSql(e);
            if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                throw stateDb.connectFailure(sql);
            }
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot create or upgrade Slipway's state schema '"
                    + SCHEMA + "' in " + stateDb.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    private static SQLException rootSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** Records the start of a run, outcome {@code running}. */
    public void start(RunRecord run) {
        update("""
                INSERT INTO slipway.runs (id, command, engine, engine_version, slipway_version, server_version, target,
                  location, commit_sha, actor, host, dry_run, lock_timeout_ms, statement_timeout_ms, started_at, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')""",
                run.id(), run.command(), run.engine(), run.engineVersion(), run.slipwayVersion(), run.serverVersion(),
                run.target(), run.location(), run.commit(), run.actor(), run.host(), run.dryRun(),
                run.lockTimeout().toMillis(), run.statementTimeout().toMillis(), ts(run.startedAt()));
    }

    /** Records one migration of run {@code runId}. */
    public void step(UUID runId, StepRecord step) {
        update("""
                INSERT INTO slipway.run_steps (run_id, ordinal, migration, description, checksum, started_at, duration_ms,
                  retries, rows_affected, outcome, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                runId, step.ordinal(), step.migration(), step.description(), step.checksum(), ts(step.startedAt()),
                step.durationMs(), step.retries(), step.rowsAffected(), step.outcome(), step.error());
    }

    /** Records how run {@code runId} ended. */
    public void finish(UUID runId, String outcome, ErrorCode code, String error) {
        update("UPDATE slipway.runs SET finished_at = ?, outcome = ?, error_code = ?, error = ? WHERE id = ?",
                ts(Instant.now()), outcome, code == null ? null : code.name(), error, runId);
    }

    /** The outcome and step outcomes of a run, newest step last: for status and tests. */
    public List<String> stepOutcomes(UUID runId) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT migration || ':' || outcome FROM slipway.run_steps WHERE run_id = ? ORDER BY ordinal")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
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

    private static SlipwayException failure(SQLException e) {
        return new SlipwayException(ErrorCode.INTERNAL, "cannot write Slipway's run record (schema " + SCHEMA + "): "
                + e.getMessage(), e);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to record
        }
    }
}
