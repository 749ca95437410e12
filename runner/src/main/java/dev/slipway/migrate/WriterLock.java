package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One writer per database: a session-level advisory lock held on a dedicated connection for the whole
 * run. Because it belongs to the session, a killed process's lock dies with its connection and never
 * needs releasing by hand. Not thread-safe.
 */
public final class WriterLock implements AutoCloseable {

    /** The advisory lock key: the bytes of "slipway!" read as a big-endian bigint. */
    static final long KEY = 0x736c697077617921L;

    private static final String HOLDER = """
            SELECT a.pid, a.usename, a.application_name, coalesce(host(a.client_addr), 'local'), a.backend_start,
                   (extract(epoch FROM now() - a.backend_start) * 1000)::bigint
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""";

    private final Connection connection;
    private final String database;
    private boolean held;

    private WriterLock(Connection connection, String database) {
        this.connection = connection;
        this.database = database;
    }

    /**
     * Takes the lock on {@code connection}'s database, polling until {@code wait} has passed.
     * The connection must be dedicated to the lock; it is closed by {@link #close()}.
     *
     * @throws SlipwayException {@link ErrorCode#WRITER_LOCK_BUSY} naming the holder and since when
     */
    public static WriterLock acquire(Connection connection, Duration wait) {
        try {
            WriterLock lock = new WriterLock(connection, connection.getCatalog());
            lock.waitFor(wait);
            return lock;
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.CONNECTION_FAILED, "cannot take the writer lock: " + e.getMessage(), e);
        }
    }

    /** Whether some session holds the writer lock of {@code c}'s database: a {@code slipway migrate} is running. */
    static boolean isHeld(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = "
                + "'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1 AND "
                + "l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))")) {
            ps.setLong(1, KEY >>> 32);
            ps.setLong(2, KEY & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void waitFor(Duration wait) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!tryLock()) {
            if (System.nanoTime() >= deadline) {
                throw busy(wait);
            }
            LockSupport.parkNanos(Math.min(250_000_000L, Math.max(0, deadline - System.nanoTime())));
        }
        held = true;
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private SlipwayException busy(Duration wait) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(HOLDER)) {
            ps.setLong(1, KEY >>> 32);
            ps.setLong(2, KEY & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                String holder = rs.next()
                        ? "pid " + rs.getInt(1) + " (user " + rs.getString(2) + ", application '" + rs.getString(3)
                          + "', client " + rs.getString(4) + ") since " + rs.getTimestamp(5).toInstant()
                          + " (" + Durations.format(Duration.ofMillis(rs.getLong(6))) + " ago)"
                        : "a session that released it just now";
                return new SlipwayException(ErrorCode.WRITER_LOCK_BUSY, "another migration is running on database '"
                        + database + "': the writer lock is held by " + holder + "; waited "
                        + Durations.format(wait) + ". Wait for it to finish or raise writerLockWait; a killed "
                        + "holder's lock is released as soon as its connection closes");
            }
        }
    }

    @Override
    public void close() {
        try (connection) {
            if (held && !connection.isClosed()) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, KEY);
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            // closing the connection releases a session lock anyway
        }
        held = false;
    }
}
