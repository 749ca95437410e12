package dev.slipway.lint.trace;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.Identifiers;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A throwaway copy of the target database on the same server, made with
 * {@code CREATE DATABASE … TEMPLATE}, for the traced run; dropped again on {@link #close()}. The
 * target itself is never written to.
 */
final class ScratchCopy implements AutoCloseable {

    private static final String MAINTENANCE_DB = "postgres";

    private final ConnectionSpec server;
    private final String name;
    private final ConnectionSpec copy;

    private ScratchCopy(ConnectionSpec server, String name, ConnectionSpec copy) {
        this.server = server;
        this.name = name;
        this.copy = copy;
    }

    /**
     * @throws SlipwayException {@link ErrorCode#SCRATCH_COPY_FAILED} naming the database and why (sessions still
     *                          connected to it, missing CREATEDB privilege)
     */
    static ScratchCopy of(ConnectionSpec target) {
        String source = databaseOf(target);
        String name = "slipway_trace_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        ConnectionSpec server = target.withDatabase(MAINTENANCE_DB);
        try (Connection c = server.open("slipway-trace", null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(source));
        } catch (SQLException e) {
            throw failure(target, source, e);
        }
        return new ScratchCopy(server, name, target.withDatabase(name));
    }

    ConnectionSpec connection() {
        return copy;
    }

    String name() {
        return name;
    }

    private static SlipwayException failure(ConnectionSpec target, String source, SQLException e) {
        String why = switch (String.valueOf(e.getSQLState())) {
            case "55006" -> "other sessions are connected to it (" + String.join("; ", sessions(target, source))
                    + "); CREATE DATABASE … TEMPLATE needs it idle. Trace a copy nobody uses, such as a preview "
                    + "or the golden database";
            case "42501" -> "the user may not create databases; grant it CREATEDB, or trace with a user that has it";
            default -> e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")";
        };
        return new SlipwayException(ErrorCode.SCRATCH_COPY_FAILED, "cannot copy database " + source + " on "
                + target.redactedUrl() + " for the traced run: " + why, e);
    }

    private static List<String> sessions(ConnectionSpec target, String database) {
        List<String> found = new ArrayList<>();
        try (Connection c = target.withDatabase(MAINTENANCE_DB).open("slipway-trace", null);
             PreparedStatement ps = c.prepareStatement("SELECT pid, usename, application_name FROM pg_stat_activity "
                     + "WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add("pid " + rs.getInt(1) + " user " + rs.getString(2) + " application '" + rs.getString(3) + "'");
                }
            }
        } catch (SQLException | SlipwayException e) {
            found.add("they could not be listed: " + e.getMessage());
        }
        return found;
    }

    private static String databaseOf(ConnectionSpec target) {
        String db = target.url().replaceFirst("^jdbc:postgresql://[^/?]*/?", "").replaceFirst("[?].*$", "");
        if (db.isEmpty()) {
            throw new SlipwayException(ErrorCode.USAGE, "the URL " + target.redactedUrl()
                    + " names no database; the traced run copies that database, so give jdbc:postgresql://HOST/DATABASE");
        }
        return db;
    }

    /** Drops the copy, even if sessions are still connected to it. */
    @Override
    public void close() {
        try (Connection c = server.open("slipway-trace", null); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "could not drop the traced run's scratch database " + name
                    + ": " + e.getMessage() + "; drop it by hand", e);
        }
    }
}
