package dev.slipway.lint;

import dev.slipway.lint.sql.Statement;

/**
 * A rule that judges what the linted migrations leave behind once the last one is read, not one migration: a column
 * added in one migration and dropped in a later one is gone, so it concerns nobody. The rule itself is stateless and
 * thread-safe like every {@link Rule}; what it learns during one lint run lives in the {@link Tracker} it starts.
 */
public interface RunRule extends Rule {

    /** A fresh tracker for one lint run. */
    Tracker start();

    /** What a run rule learns during one lint run. Not thread-safe: one per run. */
    interface Tracker {

        /**
         * Learns from a statement once the rules have checked it. Called for every statement of every migration,
         * in the order they apply, those not reported ({@code --only-pending}: already applied) too.
         */
        void learn(Statement statement, MigrationScope scope);

        /** After the last migration: reports each finding at the statement it is about, in whichever migration. */
        void finish(RunReporter reporter);
    }

    /** Where a run rule reports; findings on migrations that are not reported are dropped. */
    interface RunReporter {
        /** @param message what is wrong, naming the subject and what to do */
        void report(LintMigration migration, Statement statement, String message);
    }
}
