package dev.slipway.bench;

import dev.slipway.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a standby's replay lag every 100 ms as a reader of the standby sees it: how old its newest replayed commit
 * is while it has received WAL it has not replayed, else 0. Measured on the standby itself, apart from how Slipway's
 * throttle measures it on the primary.
 */
final class LagSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagSampler.class);
    private static final String LAG = "SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() "
            + "<= pg_last_wal_replay_lsn() THEN 0 ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END";

    private final List<long[]> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    LagSampler(ConnectionSpec standby) {
        thread = new Thread(() -> sample(standby), "slipway-bench-lag");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample(ConnectionSpec standby) {
        try (Connection c = standby.open("slipway-bench-lag", null); Statement st = c.createStatement()) {
            while (running) {
                try (ResultSet rs = st.executeQuery(LAG)) {
                    rs.next();
                    long micros = Math.round(rs.getDouble(1) * 1e6);
                    synchronized (samples) {
                        samples.add(new long[] {System.nanoTime(), micros});
                    }
                }
                LockSupport.parkNanos(100_000_000L);
            }
        } catch (SQLException e) {
            LOG.warn("standby lag sampling stopped: {}", e.getMessage());
        }
    }

    /** The most lag sampled between {@code from} and {@code to} (nanoTime), in seconds. */
    double maxSeconds(long from, long to) {
        synchronized (samples) {
            return samples.stream().filter(s -> s[0] >= from && s[0] <= to).mapToLong(s -> s[1]).max().orElse(0) / 1e6;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
