package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A steady load on {@link LockSafetyBench#TABLE}: each client on its own autocommit connection runs, back to
 * back, primary-key SELECTs and UPDATEs (alternately) on random rows, and logs every query's start and end.
 * Start with {@link #start}, then {@link #stop} before reading the statistics.
 */
final class ClientLoad implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientLoad.class);

    private final List<Client> clients = new ArrayList<>();
    private final ExecutorService threads;
    private final AtomicInteger errors = new AtomicInteger();
    private volatile boolean running = true;

    private ClientLoad(int size) {
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "slipway-bench-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects {@code clients} clients to {@code db} and starts them on rows 1 to {@code rows}. */
    static ClientLoad start(ConnectionSpec db, int clients, int rows) {
        ClientLoad load = new ClientLoad(clients);
        try {
            for (int i = 0; i < clients; i++) {
                load.clients.add(load.new Client(db.open("slipway-bench-client", null), rows));
            }
        } catch (SQLException e) {
            load.close();
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark clients could not prepare their queries: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            load.close();
            throw e;
        }
        load.clients.forEach(load.threads::execute);
        return load;
    }

    /** Stops the clients once their current query has returned, and waits for them. */
    void stop() {
        running = false;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("benchmark clients did not stop within 60 s; closing their connections");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Latencies of the queries that ran at some moment between {@code from} and {@code to} (nanoTime). */
    LatencyStats stats(long from, long to) {
        return LatencyStats.of(clients.stream().map(c -> c.log.overlapping(from, to)).toList());
    }

    /** Queries that failed; none should. */
    int errors() {
        return errors.get();
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
        clients.forEach(Client::close);
    }

    /** One client: its connection, statements and latency log. */
    private final class Client implements Runnable {
        private final Connection connection;
        private final PreparedStatement select;
        private final PreparedStatement update;
        private final int rows;
        private final LatencyLog log = new LatencyLog();

        Client(Connection connection, int rows) throws SQLException {
            this.connection = connection;
            this.rows = rows;
            this.select = connection.prepareStatement("SELECT qty FROM " + LockSafetyBench.TABLE + " WHERE id = ?");
            this.update = connection.prepareStatement("UPDATE " + LockSafetyBench.TABLE + " SET qty = qty + 1 WHERE id = ?");
        }

        @Override
        public void run() {
            for (long n = 0; running; n++) {
                long id = 1 + ThreadLocalRandom.current().nextInt(rows);
                long start = System.nanoTime();
                boolean ok = query(n % 2 == 0 ? select : update, id);
                log.record(start, System.nanoTime());
                if (!ok && isClosed()) {
                    return;
                }
            }
        }

        private boolean query(PreparedStatement ps, long id) {
            try {
                ps.setLong(1, id);
                if (ps.execute()) {
                    try (ResultSet rs = ps.getResultSet()) {
                        rs.next();
                    }
                }
                return true;
            } catch (SQLException e) {
                if (errors.incrementAndGet() == 1) {
                    LOG.warn("benchmark client query failed (SQLSTATE {}): {}", e.getSQLState(), e.getMessage());
                }
                return false;
            }
        }

        private boolean isClosed() {
            try {
                return connection.isClosed();
            } catch (SQLException e) {
                return true;
            }
        }

        void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing benchmark client connection: {}", e.getMessage());
            }
        }
    }
}
