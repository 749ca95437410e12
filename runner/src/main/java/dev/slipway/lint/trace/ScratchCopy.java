package dev.slipway.lint.trace;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.Identifiers;
import dev.slipway.config.ServeConfig.ClonePreference;
import dev.slipway.env.CloneStrategy;
import dev.slipway.env.TemplateClone;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway copy of the target database on the same server, made with
 * {@code CREATE DATABASE … TEMPLATE}, for the traced run; dropped again on {@link #close()}. The
 * target itself is never written to. The copy is made the way previews are cloned ({@link CloneStrategy#choose}
 * with {@code auto}): a reflink clone where the server has {@code file_copy_method = clone}, a file copy for a
 * database of 128 MB or more, WAL_LOG below; so tracing a large preview costs what cloning it did.
 */
final class ScratchCopy implements AutoCloseable {

    private static final String MAINTENANCE_DB = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(ScratchCopy.class);

    private final ConnectionSpec server;
    private final String name;
    private final ConnectionSpec copy;
    private final CloneStrategy.Choice strategy;

    private ScratchCopy(ConnectionSpec server, String name, ConnectionSpec copy, CloneStrategy.Choice strategy) {
        this.server = server;
        this.name = name;
        this.copy = copy;
        this.strategy = strategy;
    }

    /**
     * @throws SlipwayException {@link ErrorCode#SCRATCH_COPY_FAILED} naming the database and why (sessions still
     *                          connected to it, missing CREATEDB privilege)
     */
    static ScratchCopy of(ConnectionSpec target) {
        String source = databaseOf(target);
        String name = "slipway_trace_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
        ConnectionSpec server = target.withDatabase(MAINTENANCE_DB);
        CloneStrategy.Choice choice;
        try (Connection c = server.open("slipway-trace", null); Statement st = c.createStatement()) {
            choice = CloneStrategy.choose(ClonePreference.AUTO, TemplateClone.probe(c, source));
            st.execute("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(source)
                    + choice.clause());
        } catch (SQLException e) {
            throw failure(target, source, e);
        }
        LOG.info("traced run on {}, a copy of {} made with {} ({})", name, source, choice.strategy().label(),
                choice.reason());
        return new ScratchCopy(server, name, target.withDatabase(name), choice);
    }

    /** How the copy was made, and why. */
    CloneStrategy.Choice strategy() {
        return strategy;
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
