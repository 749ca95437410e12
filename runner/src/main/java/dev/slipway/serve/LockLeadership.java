package dev.slipway.serve;

import dev.slipway.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership through PostgreSQL, for local mode: among several {@code serve}s sharing a state database, the leader is the one holding a session-level
 * PostgreSQL advisory lock on a dedicated connection. The lock goes with the connection, so a replica that dies
 * (even by SIGKILL) hands leadership on as soon as the server notices the connection closed. Thread-safe.
 */
public final class LockLeadership extends ElectedLeadership {

    private static final Logger LOG = LoggerFactory.getLogger(LockLeadership.class);

    private final ConnectionSpec stateDb;
    private final long lockKey;
    private Connection connection;

    /**
     * @param lockKey   the advisory lock key: replicas for the same repository use the same key
     * @param onElected called once each time this replica becomes leader, on the checking thread
     */
    public LockLeadership(ConnectionSpec stateDb, long lockKey, String identity, Runnable onElected) {
        super(identity, onElected);
        this.stateDb = stateDb;
        this.lockKey = lockKey;
    }

    /** Keeps leadership (checking the connection is alive) or tries to take it. */
    @Override
    public synchronized void check() {
        if (isLeader()) {
            if (!alive()) {
                LOG.warn("{} lost leadership: its state database connection broke", identity());
                deposed();
                closeConnection();
            }
            return;
        }
        if (tryAcquire()) {
            LOG.info("{} is the leader: it reconciles previews; other replicas stand by", identity());
            elected();
        }
    }

    private boolean tryAcquire() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = stateDb.open("slipway-leader/" + identity(), null);
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, lockKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{} cannot try for leadership: {}", identity(), e.getMessage());
            closeConnection();
            return false;
        }
    }

    private boolean alive() {
        try {
            return connection != null && connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is gone either way
            }
            connection = null;
        }
    }

    /** Gives leadership up by closing the connection that holds the lock. */
    @Override
    public synchronized void close() {
        deposed();
        closeConnection();
    }
}
