package dev.slipway.lint.trace;

import dev.slipway.lint.LockMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The relation locks one backend holds, read from {@code pg_locks}, and when each was first seen. A
 * transaction keeps its table locks until it ends, so reading them after each statement, in the same
 * transaction, sees every lock the migration took.
 */
final class HeldLocks {

    /** A lock first seen at {@code sinceNanos} (the start of the statement that took it) on statement line {@code line}. */
    record Seen(long oid, LockMode mode, long sinceNanos, long lastSeenNanos, int line) {
    }

    private static final String QUERY = "SELECT relation, mode FROM pg_locks WHERE pid = ? AND locktype = 'relation' "
            + "AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private final Map<String, Seen> seen = new HashMap<>();

    /** Reads the locks {@code pid} holds now and remembers the new ones as taken at {@code since}. */
    void read(Connection c, int pid, long since, int line) throws SQLException {
        long now = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LockMode mode = LockMode.fromPgLocks(rs.getString(2));
                    if (mode != null) {
                        long oid = rs.getLong(1);
                        seen.merge(oid + "/" + mode, new Seen(oid, mode, since, now, line),
                                (old, fresh) -> new Seen(oid, mode, old.sinceNanos(), now, old.line()));
                    }
                }
            }
        }
    }

    /** The strongest mode seen per table, with the earliest time it was first seen in that mode. */
    Map<Long, Seen> strongestPerTable() {
        Map<Long, Seen> strongest = new HashMap<>();
        for (Seen s : seen.values()) {
            strongest.merge(s.oid(), s, (a, b) -> a.mode().compareTo(b.mode()) >= 0 ? a : b);
        }
        return strongest;
    }
}
