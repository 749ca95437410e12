package dev.slipway.lint.trace;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.SessionTimeouts;
import dev.slipway.lint.Catalog;
import dev.slipway.lint.Finding;
import dev.slipway.lint.LintMigration;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.LockPredictor;
import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.MigrationTrace;
import dev.slipway.lint.plan.KeyQuery;
import dev.slipway.lint.plan.QueriesFile;
import dev.slipway.lint.plan.QueryPlans;
import dev.slipway.lint.sql.SqlScript;
import dev.slipway.lint.sql.Statement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Applies migrations one at a time to a scratch copy of the target and measures what each really does:
 * the table locks it holds (read from {@code pg_locks} before its transaction commits), the tables it
 * rewrites ({@code relfilenode} changed), how long it takes and how many rows it changes. The copy is
 * dropped afterwards; the target is only ever read by {@code CREATE DATABASE … TEMPLATE}. With key queries
 * ({@link LintSettings#queries()}), it explains them on the copy before the first migration and after the last.
 */
public final class TracedRun {

    /**
     * What the traced run measured, and the findings it made of it.
     *
     * @param plans the key queries' plans before and after; empty without key queries
     */
    public record Result(List<MigrationTrace> traces, List<Finding> findings, List<QueryPlans> plans) {

        public Result {
            traces = List.copyOf(traces);
            findings = List.copyOf(findings);
            plans = List.copyOf(plans);
        }
    }

    private final ConnectionSpec target;
    private final SessionTimeouts timeouts;
    private final LintSettings settings;

    public TracedRun(ConnectionSpec target, SessionTimeouts timeouts, LintSettings settings) {
        this.target = target;
        this.timeouts = timeouts;
        this.settings = settings;
    }

    /**
     * @param migrations the pending migrations, in the order the engine applies them
     * @throws SlipwayException {@link ErrorCode#SCRATCH_COPY_FAILED} when the target cannot be copied;
     *                          {@link ErrorCode#QUERIES_INVALID} when the key queries file does not read
     */
    public Result run(List<LintMigration> migrations) {
        QueriesFile file = settings.queries();
        double ratio = settings.trace().planCostRatio();
        List<KeyQuery> filed = file == null ? List.of() : file.read();
        try (ScratchCopy scratch = ScratchCopy.of(target);
             Connection c = scratch.connection().open("slipway-trace", timeouts);
             Connection watcher = scratch.connection().open("slipway-trace-watcher", null);
             Connection explain = scratch.connection().withSimpleQueries().open("slipway-trace-plans", timeouts)) {
            List<PlanCheck> plans = new ArrayList<>();
            if (file != null) {
                plans.add(new PlanCheck(filed, file.shown(), ratio));
            }
            List<KeyQuery> captured = CapturedQueries.read(explain, filed);
            if (!captured.isEmpty()) {
                plans.add(new PlanCheck(captured, null, ratio));
            }
            for (PlanCheck p : plans) {
                p.before(explain);
            }
            Result traced = trace(migrations, c, watcher);
            return plans.isEmpty() || migrations.isEmpty() ? traced : withPlans(traced, plans, explain, migrations);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.CONNECTION_FAILED, "the traced run lost its scratch database: "
                    + e.getMessage(), e);
        }
    }

    private Result withPlans(Result traced, List<PlanCheck> checks, Connection explain, List<LintMigration> migrations)
            throws SQLException {
        TraceFindings findings = new TraceFindings(settings);
        List<QueryPlans> plans = new ArrayList<>();
        for (PlanCheck check : checks) {
            plans.addAll(check.after(explain, migrations.get(migrations.size() - 1), findings));
        }
        List<Finding> all = new ArrayList<>(traced.findings());
        all.addAll(findings.all());
        return new Result(traced.traces(), all, plans);
    }

    private Result trace(List<LintMigration> migrations, Connection c, Connection watcher) throws SQLException {
        int pid = backendPid(c);
        Catalog catalog = new Catalog();
        TraceFindings findings = new TraceFindings(settings);
        List<MigrationTrace> traces = new ArrayList<>();
        for (int i = 0; i < migrations.size(); i++) {
            LintMigration m = migrations.get(i);
            MigrationRun run = new MigrationRun(m, parse(m), c, watcher, pid, new LockPredictor(index -> tableOf(c, catalog, index)));
            MigrationTrace trace = run.execute(catalog);
            traces.add(trace);
            findings.add(m, run, trace);
            if (run.failure() != null) {
                for (LintMigration skipped : migrations.subList(i + 1, migrations.size())) {
                    traces.add(new MigrationTrace(skipped.name(), skipped.file(), false, 0, 0, List.of(), List.of(),
                            List.of("not traced: it comes after " + m.name() + ", which failed")));
                }
                break;
            }
        }
        return new Result(traces, findings.all(), List.of());
    }

    private static List<Statement> parse(LintMigration m) {
        try {
            return SqlScript.parse(m.sql().read());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The table an index belongs to: from the linted migrations, else from the scratch copy's catalog. */
    private static String tableOf(Connection c, Catalog catalog, String index) {
        String known = catalog.tableOfIndex(index);
        if (known != null) {
            return known;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT t.relname FROM pg_index i JOIN pg_class x ON x.oid = "
                + "i.indexrelid JOIN pg_class t ON t.oid = i.indrelid WHERE x.relname = ? LIMIT 1")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    static boolean transactional(LintMigration m, List<Statement> statements) {
        return m.inTransaction() != null ? m.inTransaction()
                : statements.stream().noneMatch(MigrationScope::cannotRunInTransaction);
    }
}
