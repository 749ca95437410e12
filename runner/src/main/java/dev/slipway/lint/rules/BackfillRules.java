package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.ERROR;
import static dev.slipway.lint.Severity.WARNING;

import dev.slipway.SlipwayException;
import dev.slipway.config.Durations;
import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.Rule;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token;
import dev.slipway.lint.sql.Token.Kind;
import dev.slipway.migrate.backfill.BackfillScript;
import dev.slipway.migrate.backfill.BackfillScript.Problem;
import dev.slipway.migrate.backfill.BackfillSettings;
import java.util.List;

/**
 * Backfills ({@code -- slipway:backfill} as the first line of a Flyway migration or of a Liquibase changeset's SQL):
 * whether a declared one can run in batches, and which plain UPDATEs and DELETEs of a whole existing table should have
 * been one.
 */
final class BackfillRules {

    private BackfillRules() {
    }

    static List<Rule> all() {
        return List.of(new BackfillShape(), batchLargeUpdate());
    }

    /** Whether the migration runs as a backfill: a Flyway migration or Liquibase changeset whose first line is the marker. */
    static boolean runsAsBackfill(MigrationScope scope) {
        return scope.sql() != null && BackfillScript.declares(scope.sql());
    }

    /** A migration that declares a backfill: what Slipway cannot batch, or how it will run. */
    private static final class BackfillShape extends MigrationRule {
        BackfillShape() {
            super("backfill-shape", ERROR, "a backfill Slipway cannot run in batches",
                    "a migration marked -- slipway:backfill must be one UPDATE [ONLY] table SET … [WHERE …] with valid "
                            + "settings, over a table with a primary key or a unique index on NOT NULL columns, in a "
                            + "versioned migration or a Liquibase changeset that says runInTransaction: false; otherwise "
                            + "slipway migrate refuses it",
                    "fix what the finding names: one UPDATE per backfill migration, a subquery in SET instead of FROM, "
                            + "no RETURNING or WITH, settings written key=value; name it V<version>__….sql, or give the "
                            + "changeset runInTransaction: false; or take the marker line out to run the statement as one "
                            + "transaction");
        }

        @Override
        public void finish(MigrationScope scope, Reporter reporter) {
            String sql = scope.sql();
            if (sql == null || !BackfillScript.declares(sql)) {
                return;
            }
            List<Statement> statements = scope.statements();
            Statement first = statements.isEmpty() ? null : statements.get(0);
            int marker = markerLine(sql);
            if (scope.liquibase() && scope.transactional()) {
                reporter.report(first, marker, "this changeset declares a backfill but runs in a transaction, and a "
                        + "backfill commits each batch on its own, so slipway migrate refuses it: add runInTransaction: "
                        + "false to the changeset (runInTransaction=\"false\" in XML, runInTransaction:false on its "
                        + "--changeset line in formatted SQL)");
                return;
            }
            String name = scope.liquibase() ? "changeset " + scope.migration().name() : scope.migration().name();
            boolean repeatable = !scope.liquibase() && isRepeatable(name);
            if (repeatable) {
                reporter.report(first, marker, name + " declares a backfill but is a repeatable migration, which Flyway "
                        + "runs again whenever it changes: a backfill runs once, so name it V<version>__"
                        + description(name) + ".sql");
            }
            BackfillScript script;
            try {
                script = BackfillScript.read(name, sql, BackfillSettings.DEFAULT);
            } catch (SlipwayException e) {
                reporter.report(first, marker, e.getMessage());
                return;
            }
            for (Problem p : script.problems()) {
                reporter.report(statementAt(statements, p.line()), p.line(), p.message());
            }
            if (!script.problems().isEmpty() || repeatable) {
                return;
            }
            BackfillScript.Update update = script.update();
            Statement statement = statementAt(statements, update.line());
            String table = update.table().display();
            if (scope.catalog().isKnownKeyless(update.table().name())) {
                reporter.report(statement, update.line(), table + " has no primary key and no unique index as far as "
                        + "the migrations show: a backfill pages over one, so slipway migrate would stop at this "
                        + "migration. Add a primary key (or a unique index on NOT NULL columns) in an earlier migration");
                return;
            }
            BackfillSettings s = script.settings();
            reporter.note(statement, update.line(), "runs in batches over " + table + "'s key (its primary key, else a "
                    + "unique index on NOT NULL columns), each batch its own transaction under lock_timeout/"
                    + "statement_timeout, tuned to batch-time=" + Durations.format(s.batchTime())
                    + ", pausing while replica lag exceeds max-lag=" + Durations.format(s.maxLag())
                    + "; recorded as applied after its last batch (" + s.describe() + ")");
        }

        /** The 1-based line of the marker: the first line that is not blank. */
        private static int markerLine(String sql) {
            String[] lines = sql.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].replace("\uFEFF", "").isBlank()) {
                    return i + 1;
                }
            }
            return 1;
        }

        /** The statement a line of the file belongs to: the last one starting at or before it, else the first. */
        private static Statement statementAt(List<Statement> statements, int line) {
            Statement at = statements.isEmpty() ? null : statements.get(0);
            for (Statement s : statements) {
                if (s.line() <= line) {
                    at = s;
                }
            }
            return at;
        }

        private static boolean isRepeatable(String name) {
            return fileName(name).startsWith("R__");
        }

        private static String description(String name) {
            String file = fileName(name);
            return file.substring(3, file.endsWith(".sql") ? file.length() - 4 : file.length());
        }

        private static String fileName(String name) {
            return name.substring(name.lastIndexOf('/') + 1);
        }
    }

    private static Rule batchLargeUpdate() {
        return StatementRule.of("batch-large-update", WARNING, "UPDATE or DELETE of every row of an existing table",
                "the statement changes the whole table in one transaction: it holds every row's lock until it "
                        + "commits, so writers to those rows wait, and it writes WAL for every row in one burst that "
                        + "replicas must replay (replication lag) and vacuum must clean up after",
                "for an UPDATE, make it a backfill: -- slipway:backfill as the first line of a migration holding only "
                        + "it, which Slipway runs in short batches; Slipway does not batch DELETEs: delete in batches by "
                        + "key in separate migrations, or partition the table and drop or detach partitions",
                (s, scope) -> {
                    boolean update = s.startsWith("UPDATE");
                    if (!update && !s.startsWith("DELETE", "FROM") || runsAsBackfill(scope) || hasTopLevel(s, "WHERE")) {
                        return null;
                    }
                    int at = update ? 1 : 2;
                    if (s.matchesAt(at, "ONLY")) {
                        at++;
                    }
                    QualifiedName table = QualifiedName.at(s, at);
                    if (table == null || scope.isNewTable(table)) {
                        return null;
                    }
                    String name = table.display();
                    return update ? "UPDATE of every row of " + name + " runs as one transaction: one long row-lock hold "
                            + "and a burst of WAL replicas must replay. Make it a backfill: put `-- slipway:backfill` as "
                            + "the first line of a migration of its own"
                            : "DELETE of every row of " + name + " runs as one transaction: one long row-lock hold and a "
                            + "burst of WAL replicas must replay. Slipway does not batch DELETEs: delete in batches by key "
                            + "in separate migrations (DELETE … WHERE id >= … AND id < …), or partition the table and "
                            + "drop or detach partitions";
                });
    }

    /** Whether {@code word} appears outside parentheses (a subquery's WHERE does not count). */
    private static boolean hasTopLevel(Statement s, String word) {
        int depth = 0;
        for (Token t : s.tokens()) {
            depth += t.is(Kind.OPEN_PAREN) ? 1 : t.is(Kind.CLOSE_PAREN) ? -1 : 0;
            if (depth == 0 && t.is(word)) {
                return true;
            }
        }
        return false;
    }
}
