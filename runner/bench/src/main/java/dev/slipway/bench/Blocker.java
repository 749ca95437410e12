package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long transaction that has read one row of {@link LockSafetyBench#TABLE} and stays open: it holds
 * ACCESS SHARE on the table, which lets the clients' SELECTs and UPDATEs through but makes an
 * {@code ALTER TABLE} wait. A timer commits it after the hold time, whatever the migration does.
 */
final class Blocker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Blocker.class);

    private final Connection connection;
    private final long heldAt;
    private final CountDownLatch released = new CountDownLatch(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-bench-blocker");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> release;
    private volatile long releasedAt;

    private Blocker(Connection connection, long heldAt) {
        this.connection = connection;
        this.heldAt = heldAt;
    }

    /** Opens the transaction, takes the lock and schedules the commit {@code hold} from now. */
    static Blocker hold(ConnectionSpec db, Duration hold) {
        Connection c = db.open("slipway-bench-blocker", null);
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.executeQuery("SELECT id FROM " + LockSafetyBench.TABLE + " LIMIT 1").close();
        } catch (SQLException e) {
            closeQuietly(c);
            throw new SlipwayException(ErrorCode.INTERNAL, "the benchmark's blocking transaction could not start: "
                    + e.getMessage(), e);
        }
        Blocker blocker = new Blocker(c, System.nanoTime());
        blocker.release = blocker.timer.schedule(blocker::commit, hold.toNanos(), TimeUnit.NANOSECONDS);
        return blocker;
    }

    /** When the lock was taken ({@link System#nanoTime()}). */
    long heldAt() {
        return heldAt;
    }

    /** When the lock was released ({@link System#nanoTime()}), or 0 while it is held. */
    long releasedAt() {
        return releasedAt;
    }

    private void commit() {
        try {
            connection.commit();
        } catch (SQLException e) {
            LOG.warn("the benchmark's blocking transaction did not commit: {}", e.getMessage());
        } finally {
            releasedAt = System.nanoTime();
            released.countDown();
        }
    }

    /** Releases the lock now if the timer has not yet, and closes the connection. */
    @Override
    public void close() {
        if (release.cancel(false)) {
            commit();
        }
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the blocking connection: {}", e.getMessage());
        }
    }
}
