package dev.slipway.mask.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The mark a masked copy leaves in its target: the row of {@code slipway.golden}, which is also the copy's
 * record (when, from where, with which rules, how many rows, why it failed). It says {@value #INCOMPLETE} from
 * the moment the copy starts and {@value #MASKED} only once every table, index and constraint is in place.
 * Preview providers call {@link #requireMasked} and refuse anything else.
 *
 * @param status     {@value #INCOMPLETE} or {@value #MASKED}
 * @param rulesSha256 hex SHA-256 of the rules file the copy used
 * @param source     the source's JDBC URL, secrets redacted
 * @param sourceServer the source server and database: version, database name, start time of the server
 * @param rowCounts  rows copied per table ({@code schema.table}; partitions count under their root)
 * @param error      why the last copy failed ({@code CODE: message}), or null
 */
public record GoldenMark(String status, String rulesSha256, String source, String sourceServer, Instant startedAt,
                         Instant finishedAt, Map<String, Long> rowCounts, String slipwayVersion, String error) {

    public static final String INCOMPLETE = "incomplete";
    public static final String MASKED = "masked";

    static final String TABLE = "slipway.golden";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CREATE = """
            CREATE TABLE IF NOT EXISTS slipway.golden (
                id              int         PRIMARY KEY CHECK (id = 1),
                status          text        NOT NULL CHECK (status IN ('incomplete', 'masked')),
                rules_sha256    text        NOT NULL,
                source          text        NOT NULL,
                source_server   text        NOT NULL,
                started_at      timestamptz NOT NULL,
                finished_at     timestamptz,
                row_counts      jsonb,
                slipway_version text,
                error           text
            )""";

    /** A golden made before the column existed gets it on its next copy. */
    private static final String UPGRADE = "ALTER TABLE slipway.golden ADD COLUMN IF NOT EXISTS error text";

    /** Whether the copy finished: only then may the database serve as a golden. */
    public boolean masked() {
        return MASKED.equals(status);
    }

    /**
     * The mark of {@code target}, or empty when it has none (never masked by Slipway).
     *
     * @throws SlipwayException {@link ErrorCode#CONNECTION_FAILED} when the target cannot be reached
     */
    public static Optional<GoldenMark> read(ConnectionSpec target) {
        try (Connection c = target.open("slipway-golden", null)) {
            return read(c);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.CONNECTION_FAILED, "cannot read the golden mark of "
                    + target.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The mark of {@code golden} when it says {@value #MASKED}.
     *
     * @throws SlipwayException {@link ErrorCode#GOLDEN_NOT_MASKED} when the database has no mark or an incomplete one
     */
    public static GoldenMark requireMasked(ConnectionSpec golden) {
        Optional<GoldenMark> mark = read(golden);
        if (mark.isEmpty()) {
            throw new SlipwayException(ErrorCode.GOLDEN_NOT_MASKED, golden.redactedUrl() + " is not a masked golden: "
                    + "it has no " + TABLE + " mark. Create one with 'slipway mask --source … --target " + "…'");
        }
        if (!mark.get().masked()) {
            String why = mark.get().error() == null ? " and never finished" : " and failed (" + mark.get().error() + ")";
            throw new SlipwayException(ErrorCode.GOLDEN_NOT_MASKED, golden.redactedUrl() + " is marked incomplete: "
                    + "its masked copy started at " + mark.get().startedAt() + why + ", so it may hold partial data. "
                    + "Run 'slipway mask' again; it starts the target clean");
        }
        return mark.get();
    }

    public static Optional<GoldenMark> read(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT to_regclass('slipway.golden') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return Optional.empty();
            }
        }
        // to_jsonb: a golden made by an older Slipway has no error column
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT status, rules_sha256, source, "
                + "source_server, started_at, finished_at, row_counts::text, slipway_version, to_jsonb(g) ->> 'error' "
                + "FROM slipway.golden g")) {
            return rs.next() ? Optional.of(new GoldenMark(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), counts(rs.getString(7)),
                    rs.getString(8), rs.getString(9))) : Optional.empty();
        }
    }

    /**
     * Marks {@code c}'s database incomplete (creating the schema and table when needed) and commits. The golden
     * holds no more of Slipway's state schema than this table: previews record their runs in serve's state
     * database, and a {@code migrate} that keeps its record in the database adopts the schema (see RunLog).
     */
    public static void begin(Connection c, String rulesSha256, String source, String sourceServer, String version)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS slipway");
            st.execute(CREATE);
            st.execute(UPGRADE);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO slipway.golden (id, status, rules_sha256, source, source_server, started_at, slipway_version)
                VALUES (1, 'incomplete', ?, ?, ?, now(), ?)
                ON CONFLICT (id) DO UPDATE SET status = 'incomplete', rules_sha256 = EXCLUDED.rules_sha256,
                  source = EXCLUDED.source, source_server = EXCLUDED.source_server, started_at = EXCLUDED.started_at,
                  finished_at = NULL, row_counts = NULL, slipway_version = EXCLUDED.slipway_version, error = NULL""")) {
            ps.setString(1, rulesSha256);
            ps.setString(2, source);
            ps.setString(3, sourceServer);
            ps.setString(4, version);
            ps.executeUpdate();
        }
    }

    /** Records why the copy failed, {@code CODE: message}; the mark stays {@value #INCOMPLETE}. */
    public static void fail(Connection c, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE slipway.golden SET finished_at = now(), error = ? "
                + "WHERE id = 1 AND status = 'incomplete'")) {
            ps.setString(1, error);
            ps.executeUpdate();
        }
    }

    /** Marks {@code c}'s database masked, with the row counts; durable before it returns. */
    public static void complete(Connection c, Map<String, Long> rowCounts) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET synchronous_commit = on");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE slipway.golden SET status = 'masked', "
                + "finished_at = now(), row_counts = ?::jsonb WHERE id = 1")) {
            ps.setString(1, JSON.writeValueAsString(rowCounts));
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the golden mark row is gone");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> counts(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<java.util.LinkedHashMap<String, Long>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
