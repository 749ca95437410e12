package dev.slipway.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small fixed pool of connections to one database, for the many short statements of {@code serve}
 * (webhook deliveries, API reads). Connections are opened on demand up to {@code size}, checked before they
 * are handed out again, and replaced when broken. Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {

    private final ConnectionSpec spec;
    private final String applicationName;
    private final BlockingQueue<Connection> idle;
    private final AtomicInteger open = new AtomicInteger();
    private final int size;
    private volatile boolean closed;

    public ConnectionPool(ConnectionSpec spec, String applicationName, int size) {
        this.spec = spec;
        this.applicationName = applicationName;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /** What a caller does with a borrowed connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode and returns it to the pool; a connection
     * the work broke is closed instead.
     *
     * @throws SQLException what the work threw, or a timeout when no connection freed up within the connect timeout
     */
    public <T> T with(Work<T> work) throws SQLException {
        Connection c = borrow();
        boolean healthy = false;
        try {
            T result = work.apply(c);
            healthy = c.getAutoCommit();
            return result;
        } finally {
            release(c, healthy);
        }
    }

    private Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("the connection pool to " + spec.redactedUrl() + " is closed", "08003");
        }
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        if (open.incrementAndGet() <= size) {
            try {
                return spec.open(applicationName, null);
            } catch (RuntimeException e) {
                open.decrementAndGet();
                throw new SQLException(e.getMessage(), "08001", e);
            }
        }
        open.decrementAndGet();
        return waitForIdle(spec.connectTimeout());
    }

    private Connection waitForIdle(Duration timeout) throws SQLException {
        try {
            Connection c = idle.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (c == null) {
                throw new SQLException("all " + size + " connections to " + spec.redactedUrl()
                        + " stayed busy for " + timeout.toMillis() + " ms", "53300");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", "57014", e);
        }
    }

    private void release(Connection c, boolean healthy) {
        if (healthy && !closed && idle.offer(c)) {
            return;
        }
        open.decrementAndGet();
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection: nothing left to do
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            release(c, false);
        }
    }
}
