package dev.slipway.lint;

import dev.slipway.lint.sql.Statement;

/**
 * A lint rule. The linter calls {@link #check} for every statement of a migration, in order, then
 * {@link #finish} once for the migration. Rules are stateless: whatever they need to remember
 * lives in the {@link MigrationScope}. Implementations must be thread-safe.
 */
public interface Rule {

    RuleInfo info();

    /** Looks at one statement; the scope already knows the statements before it, not this one. */
    default void check(Statement statement, MigrationScope scope, Reporter reporter) {
    }

    /** Looks at the whole migration after its last statement. */
    default void finish(MigrationScope scope, Reporter reporter) {
    }

    /** Where a rule reports what it found. */
    interface Reporter {
        /** @param message what is wrong with this statement, naming the table, column or index */
        void report(Statement statement, String message);
    }
}
