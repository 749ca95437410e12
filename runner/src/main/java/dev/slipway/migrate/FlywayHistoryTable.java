package dev.slipway.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes Slipway makes to Flyway's history table by hand: removing the failed row Flyway writes when a
 * migration that runs outside a transaction fails on its first statement (so nothing of it was applied), and
 * recording as failed a migration that committed part of its work itself before it failed (Flyway records nothing
 * then, and its next run would repeat that part).
 */
final class FlywayHistoryTable {

    private static final Logger LOG = LoggerFactory.getLogger(FlywayHistoryTable.class);

    private final Configuration config;

    FlywayHistoryTable(Configuration config) {
        this.config = config;
    }

    /**
     * Deletes the failed rows of {@code script} (as Flyway records it: the path relative to the location).
     * Idempotent. Returns false when the history could not be changed, so the failed row may remain.
     */
    boolean removeFailed(String script) {
        try (Connection c = config.getDataSource().getConnection()) {
            String sql = "DELETE FROM " + qualifiedName(c) + " WHERE NOT success AND script = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, script);
                int removed = ps.executeUpdate();
                LOG.info("removed {} failed row(s) of {} from Flyway's history", removed, script);
                return true;
            }
        } catch (SQLException e) {
            LOG.warn("cannot remove the failed row of {} from Flyway's history: {}", script, e.getMessage());
            return false;
        }
    }

    /**
     * Adds a failed row for {@code migration}, as Flyway writes one for a non-transactional migration that failed.
     * Returns false when the history could not be changed.
     */
    boolean recordFailed(MigrationEntry migration) {
        try (Connection c = config.getDataSource().getConnection()) {
            String table = qualifiedName(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (installed_rank, version, "
                    + "description, type, script, checksum, installed_by, execution_time, success) SELECT "
                    + "coalesce(max(installed_rank), 0) + 1, ?, ?, 'SQL', ?, ?, current_user, 0, false FROM " + table)) {
                ps.setString(1, migration.id().startsWith("R:") ? null : migration.id());
                ps.setString(2, migration.description());
                ps.setString(3, migration.script());
                ps.setObject(4, migration.current() == null ? null : Integer.valueOf(migration.current()));
                ps.executeUpdate();
                LOG.info("recorded {} as failed in Flyway's history: it committed part of its work", migration.script());
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot record {} as failed in Flyway's history: {}", migration.script(), e.getMessage());
            return false;
        }
    }

    /** The quoted, schema-qualified name of the history table, in the schema Flyway uses for it. */
    String qualifiedName(Connection c) throws SQLException {
        return quote(schema(c)) + "." + quote(config.getTable());
    }

    private String schema(Connection c) throws SQLException {
        if (config.getDefaultSchema() != null) {
            return config.getDefaultSchema();
        }
        if (config.getSchemas().length > 0) {
            return config.getSchemas()[0];
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            if (rs.next() && rs.getString(1) != null) {
                return rs.getString(1);
            }
            throw new SQLException("no schema of the search_path exists, so Flyway's history table has none");
        }
    }

    static String quote(String identifier) {
        return dev.slipway.db.Identifiers.quote(identifier);
    }
}
