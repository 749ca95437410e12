package dev.slipway.mask;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs schema statements in the target. {@link #preData} orders them by their dependencies the simple
 * way: a statement that fails because something it needs does not exist yet (a view on a later view, a
 * function returning a table's type) is tried again after the others, until all ran or a pass makes no
 * progress. One transaction: the target gets all of it or nothing.
 */
final class SchemaApplier {

    /** undefined table, object, function; invalid schema: "not created yet" */
    private static final Set<String> NOT_YET = Set.of("42P01", "42704", "42883", "3F000");

    private SchemaApplier() {
    }

    static void preData(Connection target, List<Ddl> statements) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try (Statement st = target.createStatement()) {
            st.execute("SET LOCAL check_function_bodies = false");
            List<Ddl> pending = new ArrayList<>(statements);
            while (!pending.isEmpty()) {
                List<Ddl> failed = new ArrayList<>();
                SQLException first = null;
                for (Ddl d : pending) {
                    SQLException e = tryRun(target, st, d);
                    if (e != null) {
                        failed.add(d);
                        first = first == null ? e : first;
                    }
                }
                if (failed.size() == pending.size()) {
                    throw failure(failed.get(0), first);
                }
                pending = failed;
            }
            target.commit();
        } finally {
            if (!target.getAutoCommit()) {
                target.rollback();
            }
            target.setAutoCommit(autoCommit);
        }
    }

    /** Runs {@code d} in a savepoint; returns the error when it needs something not created yet, throws others. */
    private static SQLException tryRun(Connection target, Statement st, Ddl d) throws SQLException {
        Savepoint sp = target.setSavepoint();
        try {
            st.execute(d.sql());
            target.releaseSavepoint(sp);
            return null;
        } catch (SQLException e) {
            target.rollback(sp);
            if (NOT_YET.contains(e.getSQLState())) {
                return e;
            }
            throw failure(d, e);
        }
    }

    static SlipwayException failure(Ddl d, SQLException e) {
        return new SlipwayException(ErrorCode.MASK_FAILED, "cannot create " + d.what() + " in the target: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); the target stays marked incomplete", e);
    }
}
