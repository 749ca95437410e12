package dev.slipway.lint.trace;

import dev.slipway.config.Sizes;
import dev.slipway.lint.Finding;
import dev.slipway.lint.LintMigration;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.LockMode;
import dev.slipway.lint.MigrationTrace.ObservedLock;
import dev.slipway.lint.MigrationTrace.TableRewrite;
import dev.slipway.lint.MigrationTrace;
import dev.slipway.lint.RuleInfo;
import dev.slipway.lint.Severity;
import dev.slipway.lint.Suppression;
import dev.slipway.lint.TraceRules;
import dev.slipway.lint.TraceThresholds;
import dev.slipway.lint.plan.KeyQuery;
import dev.slipway.lint.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns what a traced run measured into findings, by the configured thresholds. */
final class TraceFindings {

    private final LintSettings settings;
    private final TraceThresholds limits;
    private final List<Finding> findings = new ArrayList<>();

    TraceFindings(LintSettings settings) {
        this.settings = settings;
        this.limits = settings.trace();
    }

    void add(LintMigration m, MigrationRun run, MigrationTrace trace) {
        if (run.failure() != null) {
            Statement s = run.failedStatement();
            add(TraceRules.MIGRATION_FAILED, m, s, s.line(), "failed on the copy at line " + s.line() + " (SQLSTATE "
                    + run.failure().getSQLState() + "): " + firstLine(run.failure().getMessage()));
        }
        for (ObservedLock lock : trace.locks()) {
            longExclusive(m, run, lock);
            unpredicted(m, run, lock);
        }
        for (TableRewrite r : trace.rewrites()) {
            if (r.bytesBefore() >= limits.rewriteTableBytes()) {
                add(TraceRules.TABLE_REWRITE, m, statementAt(run, r.line()), r.line(), r.table() + " ("
                        + Sizes.format(r.bytesBefore()) + ") was rewritten by the statement at line " + r.line()
                        + ": its storage file changed");
            }
        }
    }

    private void longExclusive(LintMigration m, MigrationRun run, ObservedLock lock) {
        if (lock.mode() == LockMode.ACCESS_EXCLUSIVE && lock.tableBytes() >= limits.largeTableBytes()
                && lock.heldMillis() > limits.maxAccessExclusive().toMillis()) {
            add(TraceRules.LONG_EXCLUSIVE_LOCK, m, statementAt(run, lock.line()), lock.line(), "ACCESS EXCLUSIVE on "
                    + lock.table() + " (" + Sizes.format(lock.tableBytes()) + ") was held for " + lock.heldMillis()
                    + " ms from line " + lock.line() + " (limit " + limits.maxAccessExclusive().toMillis()
                    + " ms on tables of " + Sizes.format(limits.largeTableBytes()) + " or more)");
        }
    }

    private void unpredicted(LintMigration m, MigrationRun run, ObservedLock lock) {
        LockMode expected = run.predicted(run.relname(lock.table()));
        boolean writesOrStronger = lock.mode().compareTo(LockMode.ROW_EXCLUSIVE) >= 0;
        if (writesOrStronger && (expected == null || lock.mode().compareTo(expected) > 0)) {
            add(TraceRules.UNPREDICTED_LOCK, m, statementAt(run, lock.line()), lock.line(), lock.table() + " was locked "
                    + lock.mode().display() + " from line " + lock.line() + ", but the statements predict "
                    + (expected == null ? "no lock on it" : expected.display()));
        }
    }

    /**
     * A finding on a key query, in the key queries file at the query's line.
     *
     * @param after the last migration applied, whose schema the plan after was made on
     */
    /**
     * A key query's finding, at its line of the key queries {@code file}; for a query without a file (captured from
     * pg_stat_statements), at the last migration, whose changes the plan is compared after.
     */
    void addPlan(RuleInfo rule, KeyQuery q, String file, LintMigration after, String message) {
        String where = file != null ? file : after.file();
        int line = file != null ? q.line() : after.anchorLine() != null ? after.anchorLine() : 1;
        settings.severityOf(rule).ifPresent(sev -> findings.add(new Finding(rule.id(), sev, where, line, 1,
                after.name(), message, rule.why(), rule.fix(), excerpt(q.sql()), Finding.TRACE)));
    }

    private static String excerpt(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
    }

    private void add(RuleInfo rule, LintMigration m, Statement s, int line, String message) {
        if (s != null && Suppression.allowed(s, rule.id())) {
            return;
        }
        Optional<Severity> severity = settings.severityOf(rule);
        int at = m.anchorLine() != null ? m.anchorLine() : line;
        severity.ifPresent(sev -> findings.add(new Finding(rule.id(), sev, m.file(), at, 1, m.name(), message, rule.why(),
                rule.fix(), s == null ? null : s.excerpt(), Finding.TRACE)));
    }

    private static Statement statementAt(MigrationRun run, int line) {
        return run.statements().stream().filter(s -> s.line() == line).findFirst().orElse(null);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    List<Finding> all() {
        return findings;
    }
}
