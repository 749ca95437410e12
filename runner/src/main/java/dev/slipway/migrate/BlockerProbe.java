package dev.slipway.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches, from its own connection, which sessions block the migrating ones (found by their
 * {@code application_name}), so that a lock timeout can be reported with who held the lock. A lock
 * timeout cancels the wait, so the blockers must be seen while it lasts: the probe samples
 * {@code pg_blocking_pids()} a few times per lock timeout. Thread-safe.
 */
public final class BlockerProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockerProbe.class);

    private static final String BLOCKERS = """
            SELECT DISTINCT b.pid, b.usename, b.application_name, coalesce(host(b.client_addr), 'local'),
                   coalesce(b.state, '?'), b.query,
                   (extract(epoch FROM now() - coalesce(b.xact_start, b.query_start)) * 1000)::bigint
            FROM pg_stat_activity w
            CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS bp(pid)
            JOIN pg_stat_activity b ON b.pid = bp.pid
            WHERE w.application_name = ? AND w.pid <> pg_backend_pid()
            ORDER BY 7 DESC""";

    private final Supplier<Connection> connections;
    private final String watchedApplication;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private volatile List<BlockingSession> lastSeen = List.of();
    private Connection connection;

    public BlockerProbe(Supplier<Connection> connections, String watchedApplication, Duration interval) {
        this.connections = connections;
        this.watchedApplication = watchedApplication;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slipway-blocker-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** The sampling interval for a given lock timeout: a fifth of it, between 50 and 500 ms. */
    public static Duration intervalFor(Duration lockTimeout) {
        long ms = Math.max(50, Math.min(500, lockTimeout.toMillis() / 5));
        return Duration.ofMillis(ms);
    }

    /**
     * Starts sampling, one interval from now: a lock wait shorter than that cannot end in a lock timeout
     * worth reporting, and a run that ends sooner never opens the probe's connection.
     */
    public BlockerProbe start() {
        timer.scheduleWithFixedDelay(this::sample, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The blockers seen most recently (empty if none), and forgets them. */
    public List<BlockingSession> takeLastSeen() {
        List<BlockingSession> seen = lastSeen;
        lastSeen = List.of();
        return seen;
    }

    private void sample() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = connections.get();
            }
            List<BlockingSession> found = query();
            if (!found.isEmpty()) {
                lastSeen = found;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("blocker probe sample failed: {}", e.getMessage());
        }
    }

    private List<BlockingSession> query() throws SQLException {
        List<BlockingSession> found = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(BLOCKERS)) {
            ps.setString(1, watchedApplication);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new BlockingSession(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), Duration.ofMillis(rs.getLong(7))));
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing blocker probe connection: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
