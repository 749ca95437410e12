package dev.slipway.mask.golden;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.mask.catalog.SourceCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The planner's statistics of the target, computed from its masked rows once everything is in place (extended
 * statistics and expression indexes included): {@code ANALYZE} of each table and materialized view, largest first, on
 * up to {@code jobs} connections as {@code vacuumdb --analyze-only --jobs} does, then of the partitioned tables as a
 * whole. Production's own statistics are never copied: their most common values are clear values.
 */
public final class Analyze {

    /** Tables and materialized views holding rows, largest first; {@code p} marks a partitioned table. */
    private static final String RELATIONS = """
            SELECT format('%I.%I', n.nspname, c.relname), c.relkind = 'p' FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'm', 'p') AND {schemas} ORDER BY c.relkind = 'p', pg_relation_size(c.oid) DESC
            """.replace("{schemas}", SourceCatalog.USER_SCHEMAS);

    private Analyze() {
    }

    /**
     * @param major the target server's major version: from 18, a partitioned table is analyzed {@code ONLY} (its
     *              partitions were already); before, analyzing it analyzes them again
     * @throws SlipwayException {@link ErrorCode#MASK_FAILED} naming the relation
     */
    public static void run(Connection target, ConnectionSpec spec, int jobs, int major) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<String> partitioned = new ArrayList<>();
        try (Statement st = target.createStatement(); var rs = st.executeQuery(RELATIONS)) {
            while (rs.next()) {
                (rs.getBoolean(2) ? partitioned : tables).add(rs.getString(1));
            }
        }
        parallel(tables, spec, jobs);
        try (Statement st = target.createStatement()) {
            for (String p : partitioned) {
                analyze(st, (major >= 18 ? "ONLY " : "") + p);
            }
        }
    }

    private static void parallel(List<String> tables, ConnectionSpec spec, int jobs) {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(tables);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(jobs, tables.size())); i++) {
            Thread t = new Thread(() -> {
                try (Connection c = spec.open("slipway-mask-analyze", null); Statement st = c.createStatement()) {
                    String table;
                    while (failure.get() == null && (table = queue.poll()) != null) {
                        analyze(st, table);
                    }
                } catch (SQLException e) {
                    failure.compareAndSet(null, failed("a connection", e));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "slipway-mask-analyze");
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlipwayException(ErrorCode.MASK_FAILED, "interrupted while analyzing the target; it stays "
                        + "marked incomplete");
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static void analyze(Statement st, String table) {
        try {
            st.execute("ANALYZE " + table);
        } catch (SQLException e) {
            throw failed(table, e);
        }
    }

    private static SlipwayException failed(String what, SQLException e) {
        return new SlipwayException(ErrorCode.MASK_FAILED, "ANALYZE of " + what + " in the target failed: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); the target stays marked incomplete", e);
    }
}
