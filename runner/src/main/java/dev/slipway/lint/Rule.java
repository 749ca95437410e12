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

        /**
         * Reports at {@code line} of the migration's file rather than at the statement's first line: a clause inside
         * it, or a comment before it. The statement's suppressions apply; it is {@code null} for a finding about the
         * file as a whole (a script without statements).
         */
        void report(Statement statement, int line, String message);

        /**
         * Explains, at {@code line}, what the migration will do: a finding of severity {@code info} whatever the
         * rule's (configured) severity, left out only when the rule is off.
         */
        void note(Statement statement, int line, String message);
    }
}
