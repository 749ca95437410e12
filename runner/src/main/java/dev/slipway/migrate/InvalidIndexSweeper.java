package dev.slipway.migrate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the INVALID indexes a failed {@code CREATE INDEX CONCURRENTLY} leaves behind. Only indexes
 * that became invalid during this run are touched: the ones that were invalid before it are
 * remembered at the start and left alone.
 */
public final class InvalidIndexSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidIndexSweeper.class);

    private static final String INVALID = """
            SELECT format('%I.%I', n.nspname, c.relname)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT i.indisvalid""";

    private final Supplier<Connection> connections;
    private final Set<String> before;

    private InvalidIndexSweeper(Supplier<Connection> connections, Set<String> before) {
        this.connections = connections;
        this.before = before;
    }

    /** Remembers the indexes that are invalid now, so that a later sweep leaves them alone. */
    public static InvalidIndexSweeper snapshot(Supplier<Connection> connections) {
        try (Connection c = connections.get()) {
            return new InvalidIndexSweeper(connections, new HashSet<>(invalid(c)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list invalid indexes: " + e.getMessage(), e);
        }
    }

    /** Drops, concurrently, every index that became invalid since the snapshot; returns their names. */
    public List<String> sweep() {
        List<String> dropped = new ArrayList<>();
        try (Connection c = connections.get()) {
            for (String index : invalid(c)) {
                if (!before.contains(index)) {
                    drop(c, index, dropped);
                }
            }
        } catch (SQLException e) {
            LOG.warn("cannot look for invalid indexes after a failed migration: {}", e.getMessage());
        }
        return dropped;
    }

    private static void drop(Connection c, String index, List<String> dropped) {
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
            dropped.add(index);
        } catch (SQLException e) {
            LOG.warn("INVALID index {} left by a failed migration could not be dropped ({}); drop it with "
                    + "DROP INDEX CONCURRENTLY {}", index, e.getMessage(), index);
        }
    }

    private static List<String> invalid(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(INVALID)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
