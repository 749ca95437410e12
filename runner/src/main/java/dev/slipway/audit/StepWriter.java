package dev.slipway.audit;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes step rows on a thread of its own, off the migration's path: whatever has queued up since the
 * last write goes in one transaction, so a fast run costs a few commits, not one per migration, and a
 * slow one still has each step on disk within moments. Rows keep their order. Thread-safe.
 */
final class StepWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StepWriter.class);

    private static final String INSERT = """
            INSERT INTO slipway.run_steps (run_id, ordinal, migration, description, checksum, started_at, duration_ms,
              retries, rows_affected, outcome, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private record Row(UUID runId, StepRecord step) {
    }

    private static final Row END = new Row(null, null);

    private final Connection connection;
    private final BlockingQueue<Row> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile SlipwayException failure;

    StepWriter(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::loop, "slipway-run-log");
        thread.setDaemon(true);
        thread.start();
    }

    void add(UUID runId, StepRecord step) {
        queue.add(new Row(runId, step));
    }

    /**
     * Writes what is queued and stops.
     *
     * @throws SlipwayException if a row could not be written: the record would be incomplete
     */
    void flush() {
        queue.add(END);
        try {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.INTERNAL, "interrupted while writing the run's step records", e);
        }
        if (thread.isAlive()) {
            throw new SlipwayException(ErrorCode.INTERNAL, "writing the run's step records took over a minute");
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops without waiting; rows not yet written are dropped. */
    void abandon() {
        thread.interrupt();
    }

    private void loop() {
        List<Row> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                boolean end = batch.remove(END);
                write(batch);
                batch.clear();
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<Row> rows) {
        if (rows.isEmpty() || failure != null) {
            return;
        }
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                for (Row row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("cannot record {} step(s) of run {}: {}", rows.size(), rows.get(0).runId(), e.getMessage());
            failure = new SlipwayException(ErrorCode.INTERNAL, "cannot write Slipway's run record (schema "
                    + RunLog.SCHEMA + "): " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Row row) throws SQLException {
        StepRecord s = row.step();
        Object[] values = {row.runId(), s.ordinal(), s.migration(), s.description(), s.checksum(),
            s.startedAt() == null ? null : Timestamp.from(s.startedAt()), s.durationMs(), s.retries(),
            s.rowsAffected(), s.outcome(), s.error()};
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}
