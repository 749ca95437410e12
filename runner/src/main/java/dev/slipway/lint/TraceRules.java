package dev.slipway.lint;

import java.util.List;

/** The findings a traced run can make from what it measured on the scratch copy. */
public final class TraceRules {

    public static final RuleInfo LONG_EXCLUSIVE_LOCK = new RuleInfo("trace-long-exclusive-lock", Severity.ERROR,
            "ACCESS EXCLUSIVE held too long on a large table (measured)",
            "while it is held every query on the table waits; measured on a copy of the data, so production will "
                    + "wait at least as long",
            "split the migration, use the non-blocking form the static finding names, or raise lint.trace thresholds "
                    + "if the wait is acceptable");

    public static final RuleInfo TABLE_REWRITE = new RuleInfo("trace-table-rewrite", Severity.WARNING,
            "a large table rewritten (measured)",
            "the table's storage was replaced (relfilenode changed): every row was copied under ACCESS EXCLUSIVE, "
                    + "and the old and new copies both take disk space until commit",
            "use a change PostgreSQL makes in the catalog only (a constant default, a binary-compatible type), or "
                    + "build the new layout beside the old one and backfill in batches");

    public static final RuleInfo UNPREDICTED_LOCK = new RuleInfo("trace-unpredicted-lock", Severity.WARNING,
            "a lock stronger than the static rules predicted (measured)",
            "something the SQL text does not show (a trigger, a cascade, a function body, a rule) locked the table "
                    + "harder than expected, so the static findings understate the risk",
            "look at what else fires on that table; review the lock with the trace's figures");

    public static final RuleInfo MIGRATION_FAILED = new RuleInfo("trace-migration-failed", Severity.ERROR,
            "the migration failed on a copy of the data",
            "it will fail the same way in production: data that violates a new constraint, a duplicate, a missing object",
            "fix the migration (or the data) until it applies on the copy");

    public static final RuleInfo PLAN_REGRESSION = new RuleInfo("plan-regression", Severity.WARNING,
            "a key query plans worse after the migrations (explained on the copy)",
            "the migrations took away an index the query used, turned an index scan into a sequential scan, raised its "
                    + "estimated cost beyond lint.trace.planCostRatio, or made it fail to plan: in production it will be "
                    + "slower, or fail, as soon as they are applied",
            "keep or recreate the index the query needs (CREATE INDEX CONCURRENTLY in the same pull request), keep the "
                    + "column's type comparable with the query's values, or change the query with the migration");

    public static final RuleInfo PLAN_QUERY_SKIPPED = new RuleInfo("plan-query-skipped", Severity.WARNING,
            "a key query does not plan before the migrations, so it was not checked",
            "its plans cannot be compared: it fails on the schema the pull request starts from (a typo, a missing "
                    + "object, an untyped parameter), so a regression in it would go unseen",
            "fix the query in the key queries file until EXPLAIN accepts it on the target, or remove it");

    public static final List<RuleInfo> ALL = List.of(LONG_EXCLUSIVE_LOCK, TABLE_REWRITE, UNPREDICTED_LOCK, MIGRATION_FAILED,
            PLAN_REGRESSION, PLAN_QUERY_SKIPPED);

    private TraceRules() {
    }
}
