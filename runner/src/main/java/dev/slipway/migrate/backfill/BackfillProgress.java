package dev.slipway.migrate.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backfills' progress in the database they change, table {@code slipway.backfill}: one row per backfill migration,
 * written in the same transaction as each batch, so what it says is done is exactly what is committed. A killed run
 * leaves it as its last committed batch left it; {@code slipway status} reads it.
 */
public final class BackfillProgress {

    static final String TABLE = "slipway.backfill";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DDL = """
            CREATE SCHEMA IF NOT EXISTS slipway;
            CREATE TABLE IF NOT EXISTS slipway.backfill (
                migration      text PRIMARY KEY,
                statement_hash text NOT NULL,
                table_name     text NOT NULL,
                key_columns    text[] NOT NULL,
                last_key       text[],
                rows_done      bigint NOT NULL DEFAULT 0,
                rows_estimate  bigint NOT NULL DEFAULT -1,
                batches        bigint NOT NULL DEFAULT 0,
                batch_size     integer NOT NULL,
                state          text NOT NULL,
                reason         text,
                paused_seconds jsonb NOT NULL DEFAULT '{}',
                lag_max_seconds double precision NOT NULL DEFAULT -1,
                batch_millis   bigint NOT NULL DEFAULT 0,
                rows_per_second double precision NOT NULL DEFAULT 0,
                started_at     timestamptz NOT NULL DEFAULT now(),
                updated_at     timestamptz NOT NULL DEFAULT now(),
                finished_at    timestamptz
            )""";

    private BackfillProgress() {
    }

    /** A backfill's row as it was last committed. */
    record Row(BackfillStatus status, String statementHash, List<String> keyColumns) {
    }

    /** Creates the table when missing (in its own transaction; {@code c} is in autocommit). */
    static void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(DDL);
        }
    }

    static Optional<Row> find(Connection c, String migration) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM slipway.backfill WHERE migration = ?")) {
            ps.setString(1, migration);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Every backfill the database records, newest first; empty when it has none (or no such table): for
     * {@code slipway status}.
     */
    public static List<BackfillStatus> all(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet exists = st.executeQuery("SELECT to_regclass('slipway.backfill') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return List.of();
            }
        }
        List<BackfillStatus> all = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM slipway.backfill ORDER BY started_at DESC")) {
            while (rs.next()) {
                all.add(row(rs).status());
            }
        }
        return all;
    }

    private static final String COLUMNS = "migration, table_name, state, reason, rows_done, rows_estimate, batches,"
            + " batch_size, last_key, paused_seconds::text, lag_max_seconds, batch_millis, rows_per_second, started_at,"
            + " updated_at, statement_hash, key_columns";

    private static Row row(ResultSet rs) throws SQLException {
        BackfillStatus s = new BackfillStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getInt(8), strings(rs.getArray(9)), seconds(rs.getString(10)),
                rs.getDouble(11), rs.getLong(12), rs.getDouble(13), instant(rs.getTimestamp(14)),
                instant(rs.getTimestamp(15)));
        return new Row(s, rs.getString(16), strings(rs.getArray(17)));
    }

    /** Starts a backfill's row (or restarts a failed or paused one as running), in autocommit. */
    static void begin(Connection c, BackfillStatus s, String hash, List<String> keyColumns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO slipway.backfill (migration, statement_hash, table_name, key_columns, rows_estimate,
                                              batch_size, state)
                VALUES (?, ?, ?, ?, ?, ?, 'running')
                ON CONFLICT (migration) DO UPDATE SET state = 'running', reason = NULL, updated_at = now(),
                                              rows_estimate = EXCLUDED.rows_estimate""")) {
            ps.setString(1, s.migration());
            ps.setString(2, hash);
            ps.setString(3, s.table());
            ps.setArray(4, c.createArrayOf("text", keyColumns.toArray()));
            ps.setLong(5, s.rowsEstimate());
            ps.setInt(6, s.batchSize());
            ps.executeUpdate();
        }
    }

    /** Writes {@code s} in the caller's transaction: with a batch, this commits with its rows. */
    static void write(Connection c, BackfillStatus s, boolean finished) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE slipway.backfill SET last_key = ?, rows_done = ?, batches = ?, batch_size = ?, state = ?,
                       reason = ?, paused_seconds = ?::jsonb, lag_max_seconds = ?, batch_millis = ?,
                       rows_per_second = ?, updated_at = now(),
                       finished_at = CASE WHEN ? THEN now() ELSE finished_at END
                WHERE migration = ?""")) {
            ps.setArray(1, s.lastKey().isEmpty() ? null : c.createArrayOf("text", s.lastKey().toArray()));
            ps.setLong(2, s.rowsDone());
            ps.setLong(3, s.batches());
            ps.setInt(4, s.batchSize());
            ps.setString(5, s.state());
            ps.setString(6, s.reason());
            ps.setString(7, json(s.pausedSeconds()));
            ps.setDouble(8, s.lagMaxSeconds());
            ps.setLong(9, s.batchMillis());
            ps.setDouble(10, s.rowsPerSecond());
            ps.setBoolean(11, finished);
            ps.setString(12, s.migration());
            ps.executeUpdate();
        }
    }

    private static String json(Map<String, Double> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Double> seconds(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Double>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
