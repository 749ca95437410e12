package dev.slipway.env;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ServeConfig.ClonePreference;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code CREATE DATABASE … TEMPLATE golden STRATEGY …} with the strategy {@link CloneStrategy#choose} picks for the
 * server as it is now (version, {@code file_copy_method}, the golden's size). Waits up to 15 s for sessions on the
 * golden to leave. Thread-safe.
 */
public final class TemplateClone {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateClone.class);
    private static final Duration GOLDEN_BUSY_WAIT = Duration.ofSeconds(15);

    private final ConnectionSpec server;
    private final String golden;
    private final ClonePreference preference;

    public TemplateClone(ConnectionSpec server, String golden, ClonePreference preference) {
        this.server = server;
        this.golden = golden;
        this.preference = preference;
    }

    /**
     * Clones the golden into {@code name}.
     *
     * @throws SlipwayException PREVIEW_FAILED when the clone fails; CONFIG_INVALID when the forced strategy does not
     *                          exist on the server
     */
    public PreviewTarget.Clone into(String name) {
        long start = System.nanoTime();
        try (Connection c = server.open("slipway-serve", null)) {
            CloneStrategy.Choice choice = CloneStrategy.choose(preference, probe(c, golden));
            create(c, name, choice.clause());
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("cloned golden {} into {} with {} in {} ms ({})", golden, name, choice.strategy().label(), millis,
                    choice.reason());
            return new PreviewTarget.Clone(choice.strategy().label(), millis, choice.reason());
        } catch (SQLException e) {
            throw failed(name, e);
        }
    }

    /**
     * What the server behind {@code c} can do for {@code golden}; for a server set to clone, whether the file system
     * under the golden's files really reflinks, where that can be seen from here ({@link ReflinkProbe}).
     */
    public static CloneStrategy.Server probe(Connection c, String golden) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT current_setting('server_version_num')::int / 10000,
                       current_setting('file_copy_method', true), pg_database_size(?)
                """)) {
            ps.setString(1, golden);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                CloneStrategy.Server server = new CloneStrategy.Server(rs.getInt(1), rs.getString(2), rs.getLong(3));
                return server.asksToClone() ? new CloneStrategy.Server(server.major(), server.fileCopyMethod(),
                        server.goldenBytes(), ReflinkProbe.of(c, golden)) : server;
            }
        }
    }

    private void create(Connection c, String name, String clause) throws SQLException {
        String sql = "CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(golden) + clause;
        long deadline = System.nanoTime() + GOLDEN_BUSY_WAIT.toNanos();
        for (long pause = 50; ; pause = Math.min(1000, pause * 2)) {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(pause * 1_000_000);
            }
        }
    }

    private SlipwayException failed(String name, SQLException e) {
        String hint = "55006".equals(e.getSQLState())
                ? "sessions stay connected to the golden '" + golden + "': a template cannot have other sessions; "
                        + "disconnect them (previews connect to their own database, never to the golden)"
                : "42P04".equals(e.getSQLState()) ? "a database of that name exists without Slipway's mark; rename or drop it"
                : "check that the user may CREATE DATABASE and the server has disk space";
        return new SlipwayException(ErrorCode.PREVIEW_FAILED, "cannot clone golden '" + golden + "' into preview '"
                + name + "' on " + server.redactedUrl() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState()
                + "); " + hint, e);
    }
}
