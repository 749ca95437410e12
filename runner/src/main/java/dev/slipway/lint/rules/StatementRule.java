package dev.slipway.lint.rules;

import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.Rule;
import dev.slipway.lint.RuleInfo;
import dev.slipway.lint.Severity;
import dev.slipway.lint.sql.AlterTable;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;

/** A rule that looks at one statement at a time and reports at most one message per statement (or per ALTER TABLE action). */
final class StatementRule implements Rule {

    /** Returns the message for a statement the rule fires on, or {@code null}. */
    @FunctionalInterface
    interface Check {
        String apply(Statement s, MigrationScope scope);
    }

    /** Returns the message for an ALTER TABLE action on an existing table the rule fires on, or {@code null}. */
    @FunctionalInterface
    interface ActionCheck {
        String apply(AlterTable alter, Span action, MigrationScope scope);
    }

    private final RuleInfo info;
    private final Check check;

    private StatementRule(RuleInfo info, Check check) {
        this.info = info;
        this.check = check;
    }

    static Rule of(String id, Severity severity, String title, String why, String fix, Check check) {
        return new StatementRule(new RuleInfo(id, severity, title, why, fix), check);
    }

    /** A rule over the actions of ALTER TABLE statements on tables the migration did not create. */
    static Rule onAlter(String id, Severity severity, String title, String why, String fix, ActionCheck check) {
        return new StatementRule(new RuleInfo(id, severity, title, why, fix), (s, scope) -> {
            AlterTable alter = AlterTable.parse(s);
            if (alter == null || scope.isNewTable(alter.table())) {
                return null;
            }
            for (Span action : alter.actions()) {
                String message = action.isEmpty() ? null : check.apply(alter, action, scope);
                if (message != null) {
                    return message;
                }
            }
            return null;
        });
    }

    @Override
    public RuleInfo info() {
        return info;
    }

    @Override
    public void check(Statement statement, MigrationScope scope, Reporter reporter) {
        String message = check.apply(statement, scope);
        if (message != null) {
            reporter.report(statement, message);
        }
    }
}
