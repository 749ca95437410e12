package dev.slipway.audit;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Why Slipway's state schema could not be created or upgraded, in words that say what to do. */
final class SchemaFailures {

    private SchemaFailures() {
    }

    /**
     * The state schema cannot be made because the user may not create it: a clear error naming the database, the
     * user and what to grant, instead of Flyway's stack trace.
     */
    static SlipwayException missingPrivilege(DataSource ds, ConnectionSpec stateDb, SQLException sql, String schema) {
        String[] who = databaseAndUser(ds);
        String database = who[0] != null ? who[0] : "?";
        String user = who[1] != null ? who[1] : String.valueOf(stateDb.user());
        return new SlipwayException(ErrorCode.STATE_UNAVAILABLE, "Slipway keeps its state in schema '" + schema
                + "' of database '" + database + "' (" + stateDb.redactedUrl() + "), but user '" + user + "' may not "
                + "create or change it there: " + sql.getMessage().replaceFirst("^ERROR: ", "") + " (SQLSTATE "
                + sql.getSQLState() + "). Grant the privilege (GRANT CREATE ON DATABASE " + Identifiers.quote(database) + " TO " + Identifiers.quote(user)
                + ", or create the schema for it: CREATE SCHEMA " + schema + " AUTHORIZATION " + Identifiers.quote(user)
                + "), or set state: in slipway.yaml to a database where that user may create schemas", null);
    }

    /** {@code current_database()} and {@code current_user} of {@code ds}'s connections, each null if unknown. */
    private static String[] databaseAndUser(DataSource ds) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT current_database(), current_user"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        } catch (SQLException e) {
            return new String[] {null, null};
        }
    }

    /** The first SQLException in {@code t}'s causes, or {@code null}. */
    static SQLException rootSql(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }
}
