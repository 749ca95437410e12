package dev.slipway.lint.trace;

import dev.slipway.lint.Catalog;
import dev.slipway.lint.LintMigration;
import dev.slipway.lint.LockMode;
import dev.slipway.lint.LockPredictor;
import dev.slipway.lint.MigrationTrace.ObservedLock;
import dev.slipway.lint.MigrationTrace.TableRewrite;
import dev.slipway.lint.MigrationTrace;
import dev.slipway.lint.PredictedLock;
import dev.slipway.lint.sql.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one migration on the scratch copy, statement by statement, and records what it did. A
 * transactional migration runs in one transaction whose locks are read after every statement; one
 * that cannot run in a transaction runs statement by statement while a sampler watches its locks.
 */
final class MigrationRun {

    private final LintMigration migration;
    private final List<Statement> statements;
    private final Connection c;
    private final Connection watcher;
    private final int pid;
    private final LockPredictor predictor;
    private final HeldLocks locks = new HeldLocks();
    private final Map<String, LockMode> predicted = new HashMap<>();
    private final Map<Long, Integer> rewrittenAt = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private Relations before;
    private SQLException failure;
    private Statement failedStatement;
    private long rows;

    MigrationRun(LintMigration migration, List<Statement> statements, Connection c, Connection watcher, int pid,
                 LockPredictor predictor) {
        this.migration = migration;
        this.statements = statements;
        this.c = c;
        this.watcher = watcher;
        this.pid = pid;
        this.predictor = predictor;
    }

    MigrationTrace execute(Catalog catalog) throws SQLException {
        if (statements == null) {
            return new MigrationTrace(migration.name(), migration.file(), false, 0, 0, List.of(), List.of(),
                    List.of("not traced: its SQL cannot be read (see the static findings)"));
        }
        boolean transactional = TracedRun.transactional(migration, statements);
        before = Relations.read(c);
        long start = System.nanoTime();
        if (transactional) {
            inTransaction(catalog);
        } else {
            statementByStatement(catalog);
        }
        long end = System.nanoTime();
        return new MigrationTrace(migration.name(), migration.file(), transactional, TracedRun.millis(end - start), rows,
                observed(transactional, end), rewrites(), notes);
    }

    private void inTransaction(Catalog catalog) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (Statement s : statements) {
                long t0 = System.nanoTime();
                if (!run(s, catalog)) {
                    c.rollback();
                    notes.add("rolled back: nothing of it stays applied on the copy");
                    return;
                }
                locks.read(c, pid, t0, s.line());
                checkRewrites(s);
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private void statementByStatement(Catalog catalog) throws SQLException {
        notes.add("ran outside a transaction: locks were sampled every " + LockSampler.INTERVAL_MILLIS
                + " ms while each statement ran, so a lock held for less than that may be missing, and each lock was "
                + "released when its statement ended");
        for (Statement s : statements) {
            boolean ok;
            try (LockSampler sampler = new LockSampler(watcher, pid, locks)) {
                sampler.watch(System.nanoTime(), s.line());
                ok = run(s, catalog);
            }
            checkRewrites(s);
            if (!ok) {
                notes.add("statements before line " + s.line() + " stay applied: there was no transaction to roll back");
                return;
            }
        }
    }

    /** Runs one statement; false when it failed (the failure is kept). */
    private boolean run(Statement s, Catalog catalog) {
        for (PredictedLock p : predictor.predict(s)) {
            predicted.merge(p.table(), p.mode(), LockMode::max);
        }
        try (java.sql.Statement st = c.createStatement()) {
            boolean result = st.execute(s.text());
            for (long count = result ? -1 : st.getLargeUpdateCount(); result || count != -1;
                 result = st.getMoreResults(), count = result ? -1 : st.getLargeUpdateCount()) {
                rows += Math.max(0, count);
            }
            catalog.apply(s);
            return true;
        } catch (SQLException e) {
            failure = e;
            failedStatement = s;
            return false;
        }
    }

    private void checkRewrites(Statement s) throws SQLException {
        Relations now = Relations.read(c);
        for (long oid : before.byOid().keySet()) {
            if (before.rewritten(oid, now)) {
                rewrittenAt.putIfAbsent(oid, s.line());
            }
        }
    }

    private List<ObservedLock> observed(boolean transactional, long end) {
        List<ObservedLock> out = new ArrayList<>();
        locks.strongestPerTable().forEach((oid, seen) -> {
            Relations.Relation r = before.get(oid);
            if (r != null) {
                long until = transactional ? end : seen.lastSeenNanos();
                out.add(new ObservedLock(r.name(), seen.mode(), TracedRun.millis(until - seen.sinceNanos()), r.bytes(),
                        seen.line()));
            }
        });
        out.sort(Comparator.comparing(ObservedLock::mode).reversed().thenComparing(ObservedLock::table));
        return out;
    }

    private List<TableRewrite> rewrites() {
        return rewrittenAt.entrySet().stream()
                .map(e -> new TableRewrite(before.get(e.getKey()).name(), before.get(e.getKey()).bytes(), e.getValue()))
                .sorted(Comparator.comparing(TableRewrite::table)).toList();
    }

    /** The strongest lock the static rules predicted on a table (by bare name), or {@code null}. */
    LockMode predicted(String relname) {
        return predicted.get(relname);
    }

    /** The bare name of a table the trace saw, for comparing with predictions. */
    String relname(String qualified) {
        return before.byOid().values().stream().filter(r -> r.name().equals(qualified)).map(Relations.Relation::relname)
                .findFirst().orElse(qualified);
    }

    SQLException failure() {
        return failure;
    }

    Statement failedStatement() {
        return failedStatement;
    }

    List<Statement> statements() {
        return statements;
    }
}
