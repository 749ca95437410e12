package dev.slipway.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Another session on a test database, as an application or a DBA would hold one: it opens a
 * transaction, takes locks in it and keeps them until {@link #release()}. For tests of what a
 * migration does when it is blocked.
 */
public final class LockHolder implements AutoCloseable {

    private final Connection connection;
    private final int pid;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lock-holder");
        t.setDaemon(true);
        return t;
    });

    private LockHolder(Connection connection, int pid) {
        this.connection = connection;
        this.pid = pid;
    }

    /** A new session on {@code db} whose {@code application_name} is {@code application}. */
    public static LockHolder open(TestDatabase db, String application) {
        Connection c = db.spec().open(application, null);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return new LockHolder(c, rs.getInt(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Opens a transaction and runs {@code sql} in it: the locks it takes stay held. */
    public LockHolder begin(String... sql) {
        try {
            connection.setAutoCommit(false);
            execute(sql);
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs {@code sql} outside a transaction (a session-level advisory lock, say). */
    public LockHolder run(String... sql) {
        try {
            execute(sql);
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs {@code sql} in this session's open transaction on another thread: for statements that wait. */
    public CompletableFuture<Void> runAsync(String sql) {
        return CompletableFuture.runAsync(() -> run(sql), thread);
    }

    private void execute(String... sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** The backend process id of this session, as {@code pg_stat_activity} shows it. */
    public int pid() {
        return pid;
    }

    /** Ends the open transaction (rolls it back), releasing its locks. */
    public void release() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            connection.close();
        } catch (SQLException e) {
            // the session may have been terminated by the test
        }
    }
}
