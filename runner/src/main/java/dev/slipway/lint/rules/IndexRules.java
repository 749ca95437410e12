package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.ERROR;

import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.Rule;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import java.util.List;

/** Index builds and drops, and the statements that cannot run inside a transaction. */
final class IndexRules {

    private IndexRules() {
    }

    static List<Rule> all() {
        return List.of(createIndex(), dropIndex(), reindex(), concurrentlyInTransaction(), new NonTransactionalMixed());
    }

    private static Rule createIndex() {
        return StatementRule.of("create-index-not-concurrent", ERROR, "CREATE INDEX without CONCURRENTLY",
                "CREATE INDEX holds a SHARE lock on the table for the whole build: every insert, update and delete waits, "
                        + "for minutes on a large table",
                "CREATE INDEX CONCURRENTLY, alone in its own migration (it cannot run in a transaction); "
                        + "Slipway drops the index again if the build fails",
                (s, scope) -> {
                    int index = s.find(0, "INDEX");
                    int on = s.find(0, "ON");
                    if (!s.startsWith("CREATE") || index < 1 || index > 2 || on < 0 || s.matchesAt(index + 1, "CONCURRENTLY")) {
                        return null;
                    }
                    QualifiedName table = QualifiedName.afterModifiers(s, on + 1);
                    return table == null || scope.isNewTable(table) ? null
                            : "CREATE INDEX on existing table " + table.display() + " without CONCURRENTLY blocks writes to "
                                    + table.display() + " until the index is built";
                });
    }

    private static Rule dropIndex() {
        return StatementRule.of("drop-index-not-concurrent", ERROR, "DROP INDEX without CONCURRENTLY",
                "DROP INDEX takes ACCESS EXCLUSIVE on the index's table: every read and write waits, and waits behind "
                        + "any long-running query on that table",
                "DROP INDEX CONCURRENTLY, alone in its own migration",
                (s, scope) -> {
                    if (!s.startsWith("DROP", "INDEX") || s.matchesAt(2, "CONCURRENTLY")) {
                        return null;
                    }
                    for (Span part : Span.of(s).from(2).splitAtCommas()) {
                        QualifiedName index = QualifiedName.afterModifiers(s, part.from());
                        if (index != null && !scope.isNewIndex(index.name())) {
                            return "DROP INDEX " + index.display() + " without CONCURRENTLY locks its table against reads and writes";
                        }
                    }
                    return null;
                });
    }

    private static Rule reindex() {
        return StatementRule.of("reindex-not-concurrent", ERROR, "REINDEX without CONCURRENTLY",
                "REINDEX blocks writes to the table and takes ACCESS EXCLUSIVE on each index it rebuilds, so queries "
                        + "using the index wait too; REINDEX SYSTEM locks the system catalogs every query reads",
                "REINDEX … CONCURRENTLY (PostgreSQL 12+), alone in its own migration; REINDEX SYSTEM cannot be run "
                        + "concurrently: run it by hand in a maintenance window, not in a migration",
                (s, scope) -> {
                    if (!s.startsWith("REINDEX") || s.contains("CONCURRENTLY")) {
                        return null;
                    }
                    String what = s.textOf(0, Math.min(s.size(), 4));
                    return MigrationScope.reindexes(s).equals("SYSTEM")
                            ? what + " rebuilds the system catalogs' indexes, blocking every session that reads them; "
                                    + "PostgreSQL has no REINDEX SYSTEM CONCURRENTLY and refuses it in a transaction: "
                                    + "take it out of the migration and run it by hand in a maintenance window"
                            : what + " without CONCURRENTLY blocks the table while indexes are rebuilt";
                });
    }

    private static Rule concurrentlyInTransaction() {
        return StatementRule.of("concurrently-in-transaction", ERROR, "CONCURRENTLY inside a transaction",
                "PostgreSQL refuses CONCURRENTLY operations inside a transaction block (SQLSTATE 25001): the migration "
                        + "fails when it reaches production",
                "put the statement alone in its own migration without BEGIN/COMMIT; for Flyway leave executeInTransaction "
                        + "unset or false, for Liquibase set runInTransaction: false on the changeset",
                (s, scope) -> MigrationScope.cannotRunInTransaction(s) && s.contains("CONCURRENTLY") && scope.inTransaction(s)
                        ? s.textOf(0, Math.min(s.size(), 4)) + " runs inside a transaction "
                                + (scope.inExplicitBlock(s) ? "(an explicit BEGIN … COMMIT block)" : "(its migration runs in one: Flyway executeInTransaction=true, or Liquibase runInTransaction not false)")
                                + ", which PostgreSQL refuses"
                        : null);
    }

    /** A statement that cannot run in a transaction, in a migration with other statements. */
    private static final class NonTransactionalMixed extends MigrationRule {
        NonTransactionalMixed() {
            super("non-transactional-mixed", ERROR, "a statement that cannot run in a transaction, mixed with others",
                    "the migration then runs without a transaction: if a later statement fails, the earlier ones stay "
                            + "applied and the migration is half done (Flyway refuses such mixed scripts outright)",
                    "give the CONCURRENTLY/VACUUM/… statement its own migration, with nothing else in it");
        }

        @Override
        public void finish(MigrationScope scope, Reporter reporter) {
            List<Statement> statements = scope.statements();
            if (statements.size() < 2 || Boolean.TRUE.equals(scope.migration().inTransaction())) {
                return;
            }
            statements.stream().filter(MigrationScope::cannotRunInTransaction).findFirst().ifPresent(s -> reporter.report(s,
                    s.textOf(0, Math.min(s.size(), 4)) + " cannot run in a transaction, yet the migration has "
                            + (statements.size() - 1) + " other statement(s); a failure halfway would leave it half applied"));
        }
    }
}
