package dev.slipway.mask.schema;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Creates constraints, indexes, triggers, sequence values and materialized view contents after the rows.
 * Each table's indexes and constraints are built on one of up to {@code jobs} connections, several tables at
 * once; the rest runs on the caller's connection in order. A unique index that cannot be built over masked
 * values is explained: which columns, how many rows share a masked value. No row is ever dropped to make it
 * fit. The first failure cancels the statements running beside it.
 */
public final class PostPhase {

    private final ConnectionSpec target;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();

    private PostPhase(ConnectionSpec target) {
        this.target = target;
    }

    /**
     * Runs {@code plan} on {@code c} and, for the tables' lists, on up to {@code jobs} connections to {@code target}.
     *
     * @throws SlipwayException {@link ErrorCode#MASK_COLLISION} or {@link ErrorCode#MASK_FAILED} naming the statement
     */
    static void run(Connection c, ConnectionSpec target, PostPlan plan, int jobs) throws SQLException {
        execute(c, plan.before(), null);
        int threads = Math.min(jobs, plan.tables().size());
        if (threads < 2) {
            for (List<Ddl> table : plan.tables()) {
                execute(c, table, null);
            }
        } else {
            new PostPhase(target).tables(plan.tables(), threads);
        }
        execute(c, plan.after(), null);
    }

    private void tables(List<List<Ddl>> tables, int threads) {
        ConcurrentLinkedQueue<List<Ddl>> queue = new ConcurrentLinkedQueue<>(tables);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> work(queue), "slipway-mask-post");
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            join(t);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void work(ConcurrentLinkedQueue<List<Ddl>> queue) {
        try (Connection c = target.open("slipway-mask", null)) {
            List<Ddl> table;
            while (failure.get() == null && (table = queue.poll()) != null) {
                execute(c, table, this);
            }
        } catch (SQLException e) {
            failed(new SlipwayException(ErrorCode.MASK_FAILED, "a connection for indexes and constraints failed: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); the target stays marked incomplete", e));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        if (failure.compareAndSet(null, e)) {
            for (Statement st : running) {
                try {
                    st.cancel();
                } catch (SQLException ignored) {
                    // it ended on its own
                }
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.MASK_FAILED, "interrupted while creating indexes and constraints; "
                    + "the target stays marked incomplete");
        }
    }

    /** Runs {@code statements} in order on {@code c}; {@code phase}, when given, may cancel them. */
    private static void execute(Connection c, List<Ddl> statements, PostPhase phase) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (phase == null) {
                statements.forEach(d -> execute(st, d));
                return;
            }
            phase.running.add(st);
            try {
                for (int i = 0; i < statements.size() && phase.failure.get() == null; i++) {
                    execute(st, statements.get(i));
                }
            } finally {
                phase.running.remove(st);
            }
        }
    }

    private static void execute(Statement st, Ddl d) {
        try {
            st.execute(d.sql());
        } catch (SQLException e) {
            throw "23505".equals(e.getSQLState()) && d.unique() ? collision(st, d, e) : failure(d, e);
        }
    }

    private static SlipwayException failure(Ddl d, SQLException e) {
        String hint = switch (String.valueOf(e.getSQLState())) {
            case "23514" -> "; the masked values break this check: choose a transformer whose output satisfies it";
            case "23503" -> "; masked references no longer match: mask both columns with the same transformer and domain";
            default -> "";
        };
        return new SlipwayException(ErrorCode.MASK_FAILED, "cannot create " + d.what() + " in the target: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")" + hint + "; the target stays marked incomplete", e);
    }

    private static SlipwayException collision(Statement failed, Ddl d, SQLException e) {
        try {
            SlipwayException collision = collision(failed.getConnection(), d, e);
            return collision != null ? collision : failure(d, e);
        } catch (SQLException counting) {
            return failure(d, e);
        }
    }

    /**
     * Explains why the unique index or constraint {@code d} cannot be built over the masked rows of {@code c}'s
     * database: how many rows share a masked value; {@code null} when none do.
     */
    static SlipwayException collision(Connection c, Ddl d, Exception cause) throws SQLException {
        String keys = String.join(", ", d.keys());
        String sql = "SELECT count(*), coalesce(sum(n), 0), coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM "
                + d.table().sql() + (d.predicate() == null ? "" : " WHERE " + d.predicate()) + " GROUP BY " + keys
                + " HAVING count(*) > 1) dup";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return null;
            }
            return new SlipwayException(ErrorCode.MASK_COLLISION, String.format(Locale.ROOT, "the masked values of %s "
                    + "(%s) are no longer unique, so %s cannot be created: %,d rows share %,d masked values (up to %,d rows "
                    + "share one). No row was dropped. Mask a unique column with a transformer whose output stays "
                    + "unique (email, hash with a longer length) or keep it; the target stays marked incomplete",
                    d.table(), keys, d.what(), rs.getLong(2), rs.getLong(1), rs.getLong(3)), cause);
        }
    }
}
