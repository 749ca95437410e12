package dev.slipway.lint.rules;

import dev.slipway.lint.LintMigration;
import dev.slipway.lint.MaskingRules;
import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.RuleInfo;
import dev.slipway.lint.RunRule;
import dev.slipway.lint.Severity;
import dev.slipway.lint.rules.CopiedTables.Column;
import dev.slipway.lint.rules.CopiedTables.Origin;
import dev.slipway.lint.rules.CopiedTables.Table;
import dev.slipway.lint.sql.Statement;
import dev.slipway.mask.rules.MaskRules.Mode;
import dev.slipway.mask.rules.MaskRules.TableRule;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.RulesText;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code masking-coverage}: every column the migrations leave in a table {@code slipway mask} copies has a rule, as
 * mask demands before it copies anything. Judged on what the whole run leaves behind (a column added and dropped again
 * concerns nobody), each finding at the statement that gave the column its current name: its CREATE TABLE or ADD
 * COLUMN, or a RENAME of its table or itself. Covered: {@code keep_all} and {@code truncate} tables, partitions
 * (through their root's rule), generated columns (mask computes them again), tables in the system schemas and in
 * Slipway's own {@code slipway} schema, temporary and foreign tables. Runs only with masking rules to check against.
 */
public final class MaskingCoverage implements RunRule {

    public static final RuleInfo INFO = new RuleInfo("masking-coverage", Severity.ERROR,
            "a new column the masking rules do not cover",
            "slipway mask is fail-closed: one column of the source that the masking rules do not cover stops the next "
                    + "masked copy (the golden previews are cloned from) before a row moves, so the golden goes stale "
                    + "from the day the migration reaches production until someone classifies the column",
            "add the rule line the finding names to the masking rules in the same pull request: a transformer for "
                    + "personal data, keep for data that is not; or give the table keep_all: true (or truncate: true)");

    /** YAML words a plain key would be read as something else by some parser. */
    private final MaskingRules masking;

    /** @param masking the rules to check against; {@code null} for the rule as listed, which checks nothing */
    MaskingCoverage(MaskingRules masking) {
        this.masking = masking;
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Tracker start() {
        return masking == null ? new Tracker() {
            @Override
            public void learn(Statement statement, MigrationScope scope) {
            }

            @Override
            public void finish(RunReporter reporter) {
            }
        } : new Run(masking);
    }

    /** One lint run: the tables as the migrations leave them, checked against the rules after the last one. */
    private static final class Run implements Tracker {
        private final MaskingRules masking;
        private final CopiedTables tables = new CopiedTables();
        private final TableStatements statements = new TableStatements(tables);
        private LintMigration current;

        Run(MaskingRules masking) {
            this.masking = masking;
        }

        @Override
        public void learn(Statement s, MigrationScope scope) {
            if (scope.migration() != current) {
                current = scope.migration();
                statements.startMigration();
            }
            String schema = SearchPath.after(s, scope);
            if (schema != null) {
                statements.setSchema(schema);
            } else {
                statements.apply(s, Origin.created(current, compact(s)));
            }
        }

        /**
         * What a finding needs of the statement (where it starts, its excerpt, its comments for suppressions), so that
         * the statements kept until the run ends stay small.
         */
        private static Statement compact(Statement s) {
            return new Statement(s.index(), List.of(s.token(0)), s.comments(), s.excerpt());
        }

        @Override
        public void finish(RunReporter reporter) {
            tables.copied().forEach((name, t) -> check(name, t, reporter));
        }

        private void check(TableName name, Table t, RunReporter reporter) {
            TableRule rule = masking.rules().tables().get(name);
            if (rule != null && rule.mode() != Mode.COLUMNS) {
                return;
            }
            for (Column c : t.columns.values()) {
                if (!c.generated() && (rule == null || !rule.columns().containsKey(c.name()))) {
                    reporter.report(c.origin().migration(), c.origin().statement(), columnMessage(name, c, rule));
                }
            }
            if (!t.columnsKnown && rule == null && t.origin != null) {
                reporter.report(t.origin.migration(), t.origin.statement(), tableMessage(name, t.origin));
            }
        }

        private String columnMessage(TableName table, Column c, TableRule rule) {
            return "column " + table + "." + c.name() + how(table, c.origin(), rule) + " is not covered by the masking "
                    + "rules" + (rule == null ? " (" + masking.shown() + " has no rule for " + table + ")" : "")
                    + ": add `" + RulesText.key(c.name()) + ": keep` (or a transformer) under `" + RulesText.key(table.toString())
                    + ": columns:` in " + masking.shown() + (rule == null ? ", or give the table `keep_all: true`" : "");
        }

        private String tableMessage(TableName table, Origin origin) {
            return "table " + table + how(table, origin, null) + " is not covered by the masking rules, and the "
                    + "migrations do not show all of its columns: add `" + RulesText.key(table.toString()) + ":` to "
                    + masking.shown() + " with `columns:` giving each column a transformer or keep (or `keep_all: "
                    + "true`); slipway mask --check lists its columns";
        }

        /** How the statement gave the column or table this name, when it did more than create it. */
        private String how(TableName table, Origin origin, TableRule rule) {
            return switch (origin.change()) {
                case CREATED -> "";
                case RENAMED_TABLE -> " (renamed from " + origin.tableBefore() + " here"
                        + (masking.rules().tables().containsKey(origin.tableBefore()) ? "; the rule for "
                        + origin.tableBefore() + " no longer matches a table: rename its key to " + table : "") + ")";
                case RENAMED_COLUMN -> " (renamed from " + origin.columnBefore() + " here"
                        + (rule != null && rule.columns().containsKey(origin.columnBefore()) ? "; the rule for `"
                        + origin.columnBefore() + "` no longer matches a column: rename it" : "") + ")";
                case DETACHED -> " (detached here: as a partition its root's rule covered it, as a table it needs its own)";
                case NO_LONGER_GENERATED -> " (its generation expression is dropped here, so its values are copied now)";
            };
        }
    }
}
