package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.ERROR;
import static dev.slipway.lint.Severity.WARNING;

import dev.slipway.lint.LockPredictor;
import dev.slipway.lint.Rule;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import java.util.List;
import java.util.function.Predicate;

/** Whole tables, schemas and databases: renamed, dropped, emptied, rewritten or locked. */
final class TableRules {

    private TableRules() {
    }

    static List<Rule> all() {
        return List.of(renameTable(), dropTable(), dropSchema(), dropDatabase(), truncate(), vacuumFull(), cluster(),
                detachPartition(), lockTable(), tableRewrite(), refreshMaterializedView());
    }

    private static Rule renameTable() {
        return StatementRule.onAlter("rename-table", ERROR, "RENAME TABLE (or SET SCHEMA)",
                "the application version still running queries the old name and fails the moment the migration commits",
                "create the new table (or an updatable view under the old name), move the code over, drop the old name "
                        + "in a later release",
                (alter, a, scope) -> a.startsWith("RENAME", "TO") || a.startsWith("SET", "SCHEMA")
                        ? (a.startsWith("SET") ? "moving " : "renaming ") + "table " + alter.table().display()
                                + " (" + a.text() + ") breaks the application version still running"
                        : null);
    }

    private static Rule dropTable() {
        return StatementRule.of("drop-table", ERROR, "DROP TABLE",
                "the data is gone for good, and the application version still running fails on its next query",
                "stop using the table in a released version first; keep a backup or rename-and-wait before dropping; "
                        + "suppress with the reason once that is done",
                (s, scope) -> firstExisting(s, 2, "DROP", "TABLE", scope::isNewTable, "dropping table ",
                        " deletes its data and breaks code that still uses it"));
    }

    private static Rule dropSchema() {
        return StatementRule.of("drop-schema", ERROR, "DROP SCHEMA",
                "every table, view and function in the schema goes with it (with CASCADE, silently)",
                "drop the objects one by one in reviewed migrations, or suppress with the reason",
                (s, scope) -> firstExisting(s, 2, "DROP", "SCHEMA", scope::isNewSchema, "dropping schema ",
                        " deletes everything in it"));
    }

    private static Rule dropDatabase() {
        return StatementRule.of("drop-database", ERROR, "DROP DATABASE",
                "a migration should never remove a whole database; it cannot run in a transaction either",
                "do it by hand, deliberately, outside the migration history",
                (s, scope) -> s.startsWith("DROP", "DATABASE") ? "DROP DATABASE in a migration" : null);
    }

    private static Rule truncate() {
        return StatementRule.of("truncate", ERROR, "TRUNCATE",
                "TRUNCATE deletes every row and takes ACCESS EXCLUSIVE: the data is gone and all queries wait meanwhile",
                "delete the rows you mean in batches, or suppress with the reason for a table that is truly disposable",
                (s, scope) -> firstExisting(s, s.matchesAt(1, "TABLE") ? 2 : 1, "TRUNCATE", null, scope::isNewTable,
                        "TRUNCATE of existing table ", " deletes all its rows under ACCESS EXCLUSIVE"));
    }

    private static Rule vacuumFull() {
        return StatementRule.of("vacuum-full", ERROR, "VACUUM FULL",
                "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE: no reads or writes until it finishes",
                "plain VACUUM, or pg_repack / pg_squeeze run outside the migration",
                (s, scope) -> LockPredictor.isVacuumFull(s) ? "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE" : null);
    }

    private static Rule cluster() {
        return StatementRule.of("cluster", ERROR, "CLUSTER",
                "CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE: no reads or writes until it finishes",
                "pg_repack --order-by outside the migration, or accept the physical order",
                (s, scope) -> s.startsWith("CLUSTER") ? "CLUSTER rewrites " + s.textOf(1, s.size())
                        + " under ACCESS EXCLUSIVE" : null);
    }

    private static Rule detachPartition() {
        return StatementRule.onAlter("detach-partition-not-concurrent", ERROR, "DETACH PARTITION without CONCURRENTLY",
                "DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table: every query on any partition waits",
                "ALTER TABLE … DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+), alone in its own migration",
                (alter, a, scope) -> a.startsWith("DETACH", "PARTITION") && !a.contains("CONCURRENTLY")
                        && !a.contains("FINALIZE")
                        ? "detaching a partition from " + alter.table().display() + " locks the whole partitioned table"
                        : null);
    }

    private static Rule lockTable() {
        return StatementRule.of("lock-table", WARNING, "explicit LOCK TABLE",
                "LOCK TABLE defaults to ACCESS EXCLUSIVE and holds it until the migration commits; everything queues "
                        + "behind it",
                "rely on the locks the statements take themselves, and keep the migration short",
                (s, scope) -> {
                    int in = s.find(0, "IN");
                    return !s.startsWith("LOCK") ? null : firstExisting(new Span(s, 0, in < 0 ? s.size() : in), s.matchesAt(1, "TABLE") ? 2 : 1,
                            scope::isNewTable, "LOCK on existing table ", " blocks other sessions until the migration ends");
                });
    }

    private static Rule tableRewrite() {
        return StatementRule.onAlter("table-rewrite", ERROR, "ALTER TABLE forms that rewrite the table",
                "SET LOGGED, SET UNLOGGED, SET TABLESPACE and SET ACCESS METHOD copy the whole table under ACCESS EXCLUSIVE",
                "create the new table beside the old one and move the data in batches, or do it in a maintenance window",
                (alter, a, scope) -> a.startsWith("SET", "LOGGED") || a.startsWith("SET", "UNLOGGED")
                        || a.startsWith("SET", "TABLESPACE") || a.startsWith("SET", "ACCESS", "METHOD")
                        || a.startsWith("SET", "WITH", "OIDS")
                        ? a.text() + " rewrites existing table " + alter.table().display() + " under ACCESS EXCLUSIVE"
                        : null);
    }

    private static Rule refreshMaterializedView() {
        return StatementRule.of("refresh-matview-not-concurrent", WARNING, "REFRESH MATERIALIZED VIEW without CONCURRENTLY",
                "a plain refresh takes ACCESS EXCLUSIVE on the view: every query reading it waits until it is recomputed",
                "REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view)",
                (s, scope) -> {
                    if (!s.startsWith("REFRESH", "MATERIALIZED", "VIEW") || s.matchesAt(3, "CONCURRENTLY")) {
                        return null;
                    }
                    QualifiedName view = QualifiedName.at(s, 3);
                    return view == null || scope.isNewTable(view) ? null
                            : "refreshing " + view.display() + " without CONCURRENTLY blocks its readers";
                });
    }

    private static String firstExisting(Statement s, int from, String w1, String w2, Predicate<String> isNew,
                                        String prefix, String suffix) {
        if (!(w2 == null ? s.startsWith(w1) : s.startsWith(w1, w2))) {
            return null;
        }
        return firstExisting(Span.of(s), from, isNew, prefix, suffix);
    }

    /** The message for the first name in a comma-separated list that {@code isNew} rejects, or {@code null}. */
    private static String firstExisting(Span within, int from, Predicate<String> isNew, String prefix, String suffix) {
        for (Span part : within.from(from).splitAtCommas()) {
            QualifiedName name = QualifiedName.afterModifiers(within.statement(), part.from());
            if (name != null && name.next() <= part.to() && !isNew.test(name.name())) {
                return prefix + name.display() + suffix;
            }
        }
        return null;
    }
}
